package com.loyaltymemberships.membership;

import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.contract.MembershipView.ProfileView;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.Timestamps;
import java.util.List;
import java.util.UUID;

/** Memberships as the wire shows them (SPEC §3): Code repeats MembershipNumber, times to the second. */
public final class MembershipViews {

    private MembershipViews() {}

    public static MembershipsResponse response(List<Membership> memberships) {
        return MembershipsResponse.of(
                memberships.stream().map(MembershipViews::of).toList());
    }

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
                profile(m.creatorProfile()),
                profile(m.updaterProfile()));
    }

    private static ProfileView profile(Profile profile) {
        return new ProfileView(profile.discriminator(), null);
    }
}
