package com.loyaltymemberships.contract;

/** A membership as every response shows it (SPEC §3): this order, and null rather than absent. */
public record MembershipView(
        String id,
        String chainId,
        String accountId,
        String loyaltyProgramId,
        String state,
        boolean isPrimary,
        String providerMembershipId,
        String code,
        String membershipNumber,
        Integer points,
        String expirationDate,
        String url,
        String loyaltyTierId,
        ProfileView creatorProfile,
        ProfileView updaterProfile) {

    /** Profile data; the integration profile has no enterprise profile. */
    public record ProfileView(String discriminator, Object enterpriseProfile) {}
}
