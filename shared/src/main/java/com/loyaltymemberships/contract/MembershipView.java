package com.loyaltymemberships.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    /**
     * The properties whose values differ in {@code after}, each with its value here, in wire order: what a change event
     * says an update changed.
     */
    public Map<String, Object> changedIn(MembershipView after) {
        Map<String, Object> theirs = after.properties();
        Map<String, Object> changed = new LinkedHashMap<>();
        properties().forEach((name, value) -> {
            if (!Objects.equals(value, theirs.get(name))) {
                changed.put(name, value);
            }
        });
        return changed;
    }

    /** Every property by its wire name, in the contract's order (SPEC §3), null values included. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Id", id);
        properties.put("ChainId", chainId);
        properties.put("AccountId", accountId);
        properties.put("LoyaltyProgramId", loyaltyProgramId);
        properties.put("State", state);
        properties.put("IsPrimary", isPrimary);
        properties.put("ProviderMembershipId", providerMembershipId);
        properties.put("Code", code);
        properties.put("MembershipNumber", membershipNumber);
        properties.put("Points", points);
        properties.put("ExpirationDate", expirationDate);
        properties.put("Url", url);
        properties.put("LoyaltyTierId", loyaltyTierId);
        properties.put("CreatorProfile", creatorProfile);
        properties.put("UpdaterProfile", updaterProfile);
        return properties;
    }
}
