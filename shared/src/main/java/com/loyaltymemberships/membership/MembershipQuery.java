package com.loyaltymemberships.membership;

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

    public MembershipOrder order() {
        return updated.isPresent() ? MembershipOrder.UPDATED : MembershipOrder.CREATED;
    }

    /** Every filter but the chain scope, which the caller's token decides. */
    public boolean matches(Membership m) {
        return activityStates.contains(m.activityState())
                && created.map(w -> w.contains(m.createdUtc())).orElse(true)
                && updated.map(w -> w.contains(m.updatedUtc())).orElse(true)
                && anyOf(ids, m.id())
                && anyOf(accountIds, m.accountId())
                && anyOf(loyaltyProgramIds, m.loyaltyProgramId())
                && anyOf(states, m.state())
                && (membershipNumbers.isEmpty() || m.membershipNumber().filter(membershipNumbers::contains).isPresent())
                && (providerMembershipIds.isEmpty() || m.providerMembershipId().filter(providerMembershipIds::contains).isPresent());
    }

    private static <T> boolean anyOf(Set<T> wanted, T value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
