package com.loyaltymemberships.contract;

import java.util.List;

/**
 * Body of {@code update} as sent (SPEC §6). A field that is absent or {@code null} stays as it is;
 * {@code {"Value": x}} sets it and {@code {"Value": null}} (or {@code {}}) clears it.
 */
public record UpdateRequest(String chainId, List<Item> loyaltyMembershipUpdates) {

    public record Item(
            String loyaltyMembershipId,
            Value<String> loyaltyProgramId,
            Value<String> state,
            Value<Boolean> isPrimary,
            Value<String> membershipNumber,
            Value<String> code,
            Value<String> providerMembershipId,
            Value<Integer> points,
            Value<String> expirationDate,
            Value<String> url,
            Value<String> loyaltyTierId) {}

    /** The Mews update wrapper {@code {"Value": ...}}. */
    public record Value<T>(T value) {}
}
