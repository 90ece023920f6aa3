package com.loyaltymemberships.membership;

import com.loyaltymemberships.api.JsonPath;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One validated item of an update request. An empty Optional leaves the field as it is; a
 * {@link NewValue} sets or clears it.
 */
public record MembershipPatch(
        JsonPath at,
        UUID id,
        Optional<UUID> loyaltyProgramId,
        Optional<MembershipState> state,
        Optional<Boolean> primary,
        Optional<NewValue<String>> membershipNumber,
        Optional<NewValue<String>> providerMembershipId,
        Optional<NewValue<Integer>> points,
        Optional<NewValue<Instant>> expirationDate,
        Optional<NewValue<String>> url,
        Optional<NewValue<UUID>> loyaltyTierId) {

    /** The fields of {@code current} with this patch applied; time, version and profiles are the caller's. */
    public Membership applyTo(Membership current) {
        return new Membership(
                current.id(),
                current.chainId(),
                current.accountId(),
                loyaltyProgramId.orElse(current.loyaltyProgramId()),
                state.orElse(current.state()),
                primary.orElse(current.primary()),
                replace(providerMembershipId, current.providerMembershipId()),
                replace(membershipNumber, current.membershipNumber()),
                replace(points, current.points()),
                replace(expirationDate, current.expirationDate()),
                replace(url, current.url()),
                replace(loyaltyTierId, current.loyaltyTierId()),
                current.creatorProfile(),
                current.updaterProfile(),
                current.createdUtc(),
                current.updatedUtc(),
                current.activityState(),
                current.version());
    }

    private static <T> Optional<T> replace(Optional<NewValue<T>> change, Optional<T> current) {
        return change.map(NewValue::value).orElse(current);
    }
}
