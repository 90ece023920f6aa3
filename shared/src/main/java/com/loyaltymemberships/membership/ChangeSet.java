package com.loyaltymemberships.membership;

import com.loyaltymemberships.idempotency.Receipt;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything one request writes, in groups that must become visible together (a new primary, its account's pointer
 * and the demoted old primary), and the answer to keep with it under an Idempotency-Key. The repository writes all of
 * it or nothing.
 */
public record ChangeSet(List<Group> groups, Optional<Receipt> receipt) {

    public ChangeSet(List<Group> groups) {
        this(groups, Optional.empty());
    }

    public ChangeSet withReceipt(Optional<Receipt> answer) {
        return new ChangeSet(groups, answer);
    }

    /** The same, each membership as {@code requestId} writes it ({@link Membership#writtenIn}). */
    public ChangeSet writtenIn(String requestId) {
        return new ChangeSet(
                groups.stream()
                        .map(g -> new Group(
                                g.memberships().stream()
                                        .map(w -> new MembershipWrite(
                                                w.before(), w.after().writtenIn(requestId)))
                                        .toList(),
                                g.pointers()))
                        .toList(),
                receipt);
    }

    public boolean isEmpty() {
        return groups.isEmpty() && receipt.isEmpty();
    }

    public record Group(List<MembershipWrite> memberships, List<PointerChange> pointers) {}

    /** Creates {@code after} when {@code before} is empty, else replaces {@code before} if it is still current. */
    public record MembershipWrite(Optional<Membership> before, Membership after) {}

    /** Moves an account's primary-membership pointer in a chain from one membership (or none) to another (or none). */
    public record PointerChange(UUID chainId, UUID accountId, Optional<UUID> from, Optional<UUID> to) {}
}
