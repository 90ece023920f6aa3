package com.loyaltymemberships.membership;

import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.validation.NewMembership;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The made-up membership that SnapStart priming runs through a function's real path before the snapshot: every
 * optional property set, so that every attribute's code is loaded; in a chain no token names, so it is never a client's.
 */
public final class PrimingSample {

    /** No access token's chain: nothing primed is ever a client's. */
    public static final UUID CHAIN = new UUID(0, 0);

    private PrimingSample() {}

    /** The sample as an add creates it, under {@code id}. */
    public static Membership membership(UUID id) {
        NewMembership sample = new NewMembership(
                JsonPath.of("LoyaltyMemberships").index(0),
                UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d"),
                UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5"),
                true,
                MembershipState.ENROLLED,
                Optional.of("M-1"),
                Optional.of(1),
                Optional.of(Instant.parse("2029-12-24T00:00:00Z")),
                Optional.of("https://example.com/m/1"),
                Optional.of(UUID.fromString("a3a0f0a4-7e1b-4a53-9c56-2d1d5b0f9d11")));
        return Membership.create(sample, id, CHAIN, Profile.INTEGRATION);
    }
}
