package com.loyaltymemberships.contract;

import java.util.List;

/** The answer of getAll, add and update: the memberships and the Id of the last one (or null). */
public record MembershipsResponse(List<MembershipView> loyaltyMemberships, String cursor) {

    public static MembershipsResponse of(List<MembershipView> memberships) {
        return new MembershipsResponse(
                List.copyOf(memberships),
                memberships.isEmpty()
                        ? null
                        : memberships.get(memberships.size() - 1).id());
    }
}
