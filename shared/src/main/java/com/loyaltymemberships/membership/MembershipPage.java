package com.loyaltymemberships.membership;

import java.util.List;
import java.util.Optional;

/**
 * One getAll page as the store read it: the memberships to answer, in page order, and the cursor's own membership
 * if the reads came across it. A read bounded by the cursor includes the bound, so the cursor's entry comes back first
 * when it is in a partition the page reads; that sighting is what lets {@link CursorPosition} skip reading it by key.
 */
public record MembershipPage(List<Membership> memberships, Optional<Membership> atCursor) {

    public static MembershipPage empty() {
        return new MembershipPage(List.of(), Optional.empty());
    }
}
