package com.loyaltymemberships.membership;

import com.loyaltymemberships.validation.MembershipQuery;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Which memberships a getAll page may hold: in the chains in scope, passing every filter (AND across
 * properties, OR within one), and strictly after the cursor position in the page order.
 */
public record MembershipFilter(MembershipQuery query, Set<UUID> chains, Optional<String> cursorKey)
        implements Predicate<Membership> {

    public MembershipOrder order() {
        return MembershipOrder.of(query);
    }

    @Override
    public boolean test(Membership m) {
        return chains.contains(m.chainId())
                && matches(query, m)
                && cursorKey.map(c -> order().sortKey(m).compareTo(c) < 0).orElse(true);
    }

    /** True for the membership at the cursor's position: the one a read bounded by the cursor meets but never lists. */
    public boolean isAtCursor(Membership m) {
        return cursorKey.map(c -> order().sortKey(m).equals(c)).orElse(false);
    }

    /** Every filter but the chain scope, which the caller's token decides. */
    public static boolean matches(MembershipQuery q, Membership m) {
        return q.activityStates().contains(m.activityState())
                && q.created().map(w -> w.contains(m.createdUtc())).orElse(true)
                && q.updated().map(w -> w.contains(m.updatedUtc())).orElse(true)
                && anyOf(q.ids(), m.id())
                && anyOf(q.accountIds(), m.accountId())
                && anyOf(q.loyaltyProgramIds(), m.loyaltyProgramId())
                && anyOf(q.states(), m.state())
                && (q.membershipNumbers().isEmpty()
                        || m.membershipNumber()
                                .filter(q.membershipNumbers()::contains)
                                .isPresent())
                && (q.providerMembershipIds().isEmpty()
                        || m.providerMembershipId()
                                .filter(q.providerMembershipIds()::contains)
                                .isPresent());
    }

    private static <T> boolean anyOf(Set<T> wanted, T value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
