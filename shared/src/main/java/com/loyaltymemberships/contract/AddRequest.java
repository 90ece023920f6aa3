package com.loyaltymemberships.contract;

import java.util.List;

/** Body of {@code add} as sent (SPEC §5). */
public record AddRequest(String chainId, List<Item> loyaltyMemberships) {

    public record Item(
            String accountId,
            String loyaltyProgramId,
            Boolean isPrimary,
            String state,
            String membershipNumber,
            String code,
            Integer points,
            String expirationDate,
            String url,
            String loyaltyTierId) {}
}
