package com.loyaltymemberships.changes;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as it goes on the bus: {@code source} {@value #SOURCE}, its {@code detail-type} and {@code detail}
 * (docs/EVENTS.md), the change's time, and the membership and version it tells of, which keep a membership's events in
 * order.
 */
public record ChangeEvent(String detailType, byte[] detail, Instant time, UUID membershipId, long version) {

    public static final String SOURCE = "loyalty-memberships";
}
