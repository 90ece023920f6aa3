package com.loyaltymemberships.contract;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code detail} of a membership change event (docs/EVENTS.md, events.schema.json), properties in this order.
 *
 * @param eventId   the same for the same membership version, whatever sends it and however often: a subscriber drops a
 *                  repeat by it
 * @param changes   for an update, every property of the membership that changed, with its value before; none for an add
 *                  or a delete (written as null)
 * @param version   the membership's version after the change; it grows with every write, so a subscriber can also
 *                  tell an older event from a newer one
 * @param requestId the API request that made the change, when the membership item records it
 */
public record MembershipChangeDetail(
        String eventId,
        String chainId,
        MembershipView loyaltyMembership,
        Optional<Map<String, Object>> changes,
        long version,
        String changedUtc,
        Optional<String> requestId) {}
