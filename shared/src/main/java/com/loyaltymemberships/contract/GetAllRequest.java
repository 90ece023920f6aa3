package com.loyaltymemberships.contract;

import java.util.List;

/** Body of {@code getAll} as sent (SPEC §4); {@code RequestValidator} turns it into a query. */
public record GetAllRequest(
        List<String> chainIds,
        TimeInterval createdUtc,
        TimeInterval updatedUtc,
        List<String> loyaltyMembershipIds,
        List<String> accountIds,
        List<String> loyaltyProgramIds,
        List<String> membershipStates,
        List<String> activityStates,
        List<String> membershipNumbers,
        List<String> providerMembershipIds,
        List<String> codes,
        Limitation limitation) {

    public record TimeInterval(String startUtc, String endUtc) {}

    public record Limitation(Integer count, String cursor) {}
}
