package com.loyaltymemberships.membership;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything one request writes, in groups that must become visible together (a new primary, its
 * account's pointer and the demoted old primary). The repository writes all groups or none.
 */
public record ChangeSet(List<Group> groups) {

    public record Group(List<MembershipWrite> memberships, List<PointerChange> pointers) {}

    /** Creates {@code after} when {@code before} is empty, else replaces {@code before} if it is still current. */
    public record MembershipWrite(Optional<Membership> before, Membership after) {}

    /** Moves an account's primary-membership pointer in a chain from one membership (or none) to another (or none). */
    public record PointerChange(UUID chainId, UUID accountId, Optional<UUID> from, Optional<UUID> to) {}
}
