package com.loyaltymemberships.membership;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.validation.MembershipPatch;
import com.loyaltymemberships.validation.NewMembership;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A loyalty membership as stored. {@code id} is time-ordered (see {@link MembershipIds}), so it also
 * carries {@code createdUtc}; {@code version} grows by one with every write and guards against lost updates;
 * {@code requestId} names the API request that wrote this version (the store records it with the write, for change
 * events; none on a version not yet stored, and on items written before it was recorded).
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
        long version,
        Optional<String> requestId) {

    /** A membership as an add request creates it; its creation (and first update) time is the one its Id carries. */
    public static Membership create(NewMembership item, UUID id, UUID chainId, Profile by) {
        Instant created = MembershipIds.createdAt(id);
        return new Membership(
                id,
                chainId,
                item.accountId(),
                item.loyaltyProgramId(),
                item.state(),
                item.primary(),
                Optional.empty(),
                item.membershipNumber(),
                item.points(),
                item.expirationDate(),
                item.url(),
                item.loyaltyTierId(),
                by,
                by,
                created,
                created,
                ActivityState.ACTIVE,
                1,
                Optional.empty());
    }

    /** The fields of this membership with {@code patch} applied; time, version and profiles stay (see {@link #changed}). */
    public Membership patched(MembershipPatch patch) {
        return new Membership(
                id,
                chainId,
                accountId,
                patch.loyaltyProgramId().orElse(loyaltyProgramId),
                patch.state().orElse(state),
                patch.primary().orElse(primary),
                MembershipPatch.apply(patch.providerMembershipId(), providerMembershipId),
                MembershipPatch.apply(patch.membershipNumber(), membershipNumber),
                MembershipPatch.apply(patch.points(), points),
                MembershipPatch.apply(patch.expirationDate(), expirationDate),
                MembershipPatch.apply(patch.url(), url),
                MembershipPatch.apply(patch.loyaltyTierId(), loyaltyTierId),
                creatorProfile,
                updaterProfile,
                createdUtc,
                updatedUtc,
                activityState,
                version,
                requestId);
    }

    public boolean isActive() {
        return activityState == ActivityState.ACTIVE;
    }

    /** True for the account's primary membership among the chain's active ones (SPEC §8). */
    public boolean isActivePrimary() {
        return primary && isActive();
    }

    public Membership withPrimary(boolean isPrimary) {
        return new Membership(
                id,
                chainId,
                accountId,
                loyaltyProgramId,
                state,
                isPrimary,
                providerMembershipId,
                membershipNumber,
                points,
                expirationDate,
                url,
                loyaltyTierId,
                creatorProfile,
                updaterProfile,
                createdUtc,
                updatedUtc,
                activityState,
                version,
                requestId);
    }

    public Membership withActivityState(ActivityState activity) {
        return new Membership(
                id,
                chainId,
                accountId,
                loyaltyProgramId,
                state,
                primary,
                providerMembershipId,
                membershipNumber,
                points,
                expirationDate,
                url,
                loyaltyTierId,
                creatorProfile,
                updaterProfile,
                createdUtc,
                updatedUtc,
                activity,
                version,
                requestId);
    }

    /**
     * The same membership after a write by {@code by} at {@code now}: a new update time and version, not yet written by
     * any request ({@link #writtenIn}).
     */
    public Membership changed(Profile by, Instant now) {
        Instant updated = now.isAfter(updatedUtc) ? now : updatedUtc;
        return new Membership(
                id,
                chainId,
                accountId,
                loyaltyProgramId,
                state,
                primary,
                providerMembershipId,
                membershipNumber,
                points,
                expirationDate,
                url,
                loyaltyTierId,
                creatorProfile,
                by,
                createdUtc,
                updated,
                activityState,
                version + 1,
                Optional.empty());
    }

    /** This version as the request {@code requestId} stores it. */
    public Membership writtenIn(String requestId) {
        return new Membership(
                id,
                chainId,
                accountId,
                loyaltyProgramId,
                state,
                primary,
                providerMembershipId,
                membershipNumber,
                points,
                expirationDate,
                url,
                loyaltyTierId,
                creatorProfile,
                updaterProfile,
                createdUtc,
                updatedUtc,
                activityState,
                version,
                Optional.of(requestId));
    }
}
