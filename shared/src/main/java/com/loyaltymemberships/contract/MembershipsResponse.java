package com.loyaltymemberships.contract;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The answer of getAll, add and update: the memberships and the Id of the last one (or null). */
@JsonPropertyOrder({"LoyaltyMemberships", "Cursor"})
public record MembershipsResponse(List<MembershipView> loyaltyMemberships, String cursor) {

    public static MembershipsResponse of(List<MembershipView> memberships) {
        return new MembershipsResponse(List.copyOf(memberships),
                memberships.isEmpty() ? null : memberships.get(memberships.size() - 1).id());
    }
}
