package com.loyaltymemberships.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import com.loyaltymemberships.membership.Timestamps;
import java.util.UUID;

/** A membership as every response shows it (SPEC §3): this order, and null rather than absent. */
@JsonPropertyOrder({"Id", "ChainId", "AccountId", "LoyaltyProgramId", "State", "IsPrimary", "ProviderMembershipId",
        "Code", "MembershipNumber", "Points", "ExpirationDate", "Url", "LoyaltyTierId", "CreatorProfile", "UpdaterProfile"})
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

    public static MembershipView of(Membership m) {
        String number = m.membershipNumber().orElse(null);
        return new MembershipView(
                m.id().toString(),
                m.chainId().toString(),
                m.accountId().toString(),
                m.loyaltyProgramId().toString(),
                m.state().wireName(),
                m.primary(),
                m.providerMembershipId().orElse(null),
                number,
                number,
                m.points().orElse(null),
                m.expirationDate().map(Timestamps::toSeconds).orElse(null),
                m.url().orElse(null),
                m.loyaltyTierId().map(UUID::toString).orElse(null),
                ProfileView.of(m.creatorProfile()),
                ProfileView.of(m.updaterProfile()));
    }

    /** Profile data; the integration profile has no enterprise profile. */
    @JsonPropertyOrder({"Discriminator", "EnterpriseProfile"})
    public record ProfileView(String discriminator, Object enterpriseProfile) {
        static ProfileView of(Profile profile) {
            return new ProfileView(profile.discriminator(), null);
        }
    }
}
