package com.loyaltymemberships.membership;

import com.loyaltymemberships.api.JsonPath;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One validated item of an add request; {@code at} is where it sits in the request, for error messages. */
public record NewMembership(
        JsonPath at,
        UUID accountId,
        UUID loyaltyProgramId,
        boolean primary,
        MembershipState state,
        Optional<String> membershipNumber,
        Optional<Integer> points,
        Optional<Instant> expirationDate,
        Optional<String> url,
        Optional<UUID> loyaltyTierId) {

    /** The stored membership; its creation (and first update) time is the one its Id carries. */
    public Membership create(UUID id, UUID chainId, Profile by) {
        Instant created = MembershipIds.createdAt(id);
        return new Membership(id, chainId, accountId, loyaltyProgramId, state, primary, Optional.empty(),
                membershipNumber, points, expirationDate, url, loyaltyTierId, by, by, created, created,
                ActivityState.ACTIVE, 1);
    }
}
