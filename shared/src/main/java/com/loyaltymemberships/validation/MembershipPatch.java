package com.loyaltymemberships.validation;

import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.contract.MembershipState;
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

    /** The field as this patch leaves it: unchanged, set, or cleared. */
    public static <T> Optional<T> apply(Optional<NewValue<T>> change, Optional<T> current) {
        return change.map(NewValue::value).orElse(current);
    }
}
