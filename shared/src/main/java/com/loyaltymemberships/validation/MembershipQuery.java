package com.loyaltymemberships.validation;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A validated getAll request. Empty sets mean "no filter" (SPEC §4 decision: an empty array is the same
 * as an absent one), except {@code activityStates}, which is never empty (absent means Active).
 * {@code membershipNumbers} already holds the union with the deprecated {@code Codes}.
 */
public record MembershipQuery(
        List<UUID> chainIds,
        Optional<TimeWindow> created,
        Optional<TimeWindow> updated,
        Set<UUID> ids,
        Set<UUID> accountIds,
        Set<UUID> loyaltyProgramIds,
        Set<MembershipState> states,
        Set<ActivityState> activityStates,
        Set<String> membershipNumbers,
        Set<String> providerMembershipIds,
        int count,
        Optional<UUID> cursor) {

    /** SPEC §4 decision: with UpdatedUtc, pages are in update order; otherwise in creation order. */
    public boolean inUpdateOrder() {
        return updated.isPresent();
    }
}
