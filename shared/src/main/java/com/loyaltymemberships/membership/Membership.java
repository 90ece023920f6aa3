package com.loyaltymemberships.membership;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A loyalty membership as stored. {@code id} is time-ordered (see {@link MembershipIds}), so it also
 * carries {@code createdUtc}; {@code version} grows by one with every write and guards against lost updates.
 */
public record Membership(
        UUID id,
        UUID chainId,
        UUID accountId,
        UUID loyaltyProgramId,
        MembershipState state,
        boolean primary,
        Optional<String> providerMembershipId,
        Optional<String> membershipNumber,
        Optional<Integer> points,
        Optional<Instant> expirationDate,
        Optional<String> url,
        Optional<UUID> loyaltyTierId,
        Profile creatorProfile,
        Profile updaterProfile,
        Instant createdUtc,
        Instant updatedUtc,
        ActivityState activityState,
        long version) {

    public boolean isActive() {
        return activityState == ActivityState.ACTIVE;
    }

    /** True for the account's primary membership among the chain's active ones (SPEC §8). */
    public boolean isActivePrimary() {
        return primary && isActive();
    }

    public Membership withPrimary(boolean isPrimary) {
        return new Membership(id, chainId, accountId, loyaltyProgramId, state, isPrimary, providerMembershipId,
                membershipNumber, points, expirationDate, url, loyaltyTierId, creatorProfile, updaterProfile,
                createdUtc, updatedUtc, activityState, version);
    }

    public Membership withActivityState(ActivityState activity) {
        return new Membership(id, chainId, accountId, loyaltyProgramId, state, primary, providerMembershipId,
                membershipNumber, points, expirationDate, url, loyaltyTierId, creatorProfile, updaterProfile,
                createdUtc, updatedUtc, activity, version);
    }

    /** The same membership after a write by {@code by} at {@code now}: a new update time and version. */
    public Membership changed(Profile by, Instant now) {
        Instant updated = now.isAfter(updatedUtc) ? now : updatedUtc;
        return new Membership(id, chainId, accountId, loyaltyProgramId, state, primary, providerMembershipId,
                membershipNumber, points, expirationDate, url, loyaltyTierId, creatorProfile, by,
                createdUtc, updated, activityState, version + 1);
    }
}
