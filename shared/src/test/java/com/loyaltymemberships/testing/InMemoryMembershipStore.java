package com.loyaltymemberships.testing;

import com.loyaltymemberships.membership.ChangeSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipFilter;
import com.loyaltymemberships.membership.MembershipPage;
import com.loyaltymemberships.membership.MembershipStore;
import com.loyaltymemberships.membership.WriteConflictException;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link MembershipStore} in two maps, for fast tests of the rules; {@code MembershipStoreContract} holds it to what
 * {@code dynamodb.MembershipRepository} does on a real engine.
 *
 * <p>What it keeps of the repository's contract:
 * <ul>
 *   <li>a commit checks every condition first and then writes everything, or throws {@link WriteConflictException} and
 *       writes nothing: a new membership's Id must be free, a replaced membership must still have its before-image's
 *       version, a pointer must still name its {@code from} (or be absent), and a kept answer's claim must still hold
 *       its Idempotency-Key (so the membership store shares the idempotency store, as the repository shares the table);</li>
 *   <li>one commit may not write one item twice (DynamoDB refuses such a transaction: {@link IllegalArgumentException});</li>
 *   <li>times are kept to the millisecond, as the repository stores them;</li>
 *   <li>a page is every membership that passes the filter, in page order, cut at Count; the cursor's own membership is
 *       reported when it passes every filter but the cursor bound (the repository's reads meet it then).</li>
 * </ul>
 * What it leaves out: holds of unfinished multi-transaction writes (every commit here is atomic, so nothing is ever
 * held) and the time a call takes (a commit only refuses a deadline already passed).
 */
public final class InMemoryMembershipStore implements MembershipStore {

    private record PointerKey(UUID chainId, UUID accountId) {}

    private final Map<UUID, Membership> memberships = new HashMap<>();
    private final Map<PointerKey, UUID> pointers = new HashMap<>();
    private final InMemoryIdempotencyStore keys;
    private int conflicts;

    public InMemoryMembershipStore(InMemoryIdempotencyStore keys) {
        this.keys = keys;
    }

    public InMemoryMembershipStore() {
        this(new InMemoryIdempotencyStore());
    }

    @Override
    public synchronized Optional<Membership> get(UUID id) {
        return Optional.ofNullable(memberships.get(id));
    }

    @Override
    public synchronized Map<UUID, Membership> getMany(Collection<UUID> ids) {
        Map<UUID, Membership> found = new HashMap<>();
        for (UUID id : ids) {
            get(id).ifPresent(m -> found.put(id, m));
        }
        return found;
    }

    @Override
    public synchronized MembershipPage page(MembershipFilter filter) {
        List<Membership> page = memberships.values().stream()
                .filter(filter)
                .sorted(filter.order().pageOrder())
                .limit(filter.query().count())
                .toList();
        Optional<Membership> atCursor = memberships.values().stream()
                .filter(m -> filter.isAtCursor(m)
                        && filter.chains().contains(m.chainId())
                        && MembershipFilter.matches(filter.query(), m))
                .findFirst();
        return new MembershipPage(page, atCursor);
    }

    @Override
    public synchronized Map<UUID, Membership> current(Collection<UUID> ids) {
        return getMany(ids);
    }

    @Override
    public synchronized Map<UUID, UUID> primaryPointers(UUID chainId, Set<UUID> accounts) {
        Map<UUID, UUID> found = new HashMap<>();
        for (UUID account : accounts) {
            UUID primary = pointers.get(new PointerKey(chainId, account));
            if (primary != null) {
                found.put(account, primary);
            }
        }
        return found;
    }

    @Override
    public synchronized void commit(ChangeSet changes, Deadline deadline) {
        if (!deadline.allows(Duration.ZERO)) {
            throw new OutOfTimeException("the deadline has passed", null, false);
        }
        List<ChangeSet.MembershipWrite> writes = new ArrayList<>();
        List<ChangeSet.PointerChange> moves = new ArrayList<>();
        changes.groups().forEach(g -> {
            writes.addAll(g.memberships());
            moves.addAll(g.pointers());
        });
        requireOneWritePerItem(writes, moves);

        // Every condition first: a failed one writes nothing.
        for (ChangeSet.MembershipWrite write : writes) {
            Membership stored = memberships.get(write.after().id());
            boolean holds = write.before().isEmpty()
                    ? stored == null
                    : stored != null && stored.version() == write.before().get().version();
            if (!holds) {
                throw conflict("membership " + write.after().id() + " changed since it was read");
            }
        }
        for (ChangeSet.PointerChange move : moves) {
            if (!Optional.ofNullable(pointers.get(new PointerKey(move.chainId(), move.accountId())))
                    .equals(move.from())) {
                throw conflict("the primary pointer of account " + move.accountId() + " moved since it was read");
            }
        }
        if (changes.receipt().isPresent()
                && !keys.isRunning(changes.receipt().get().claim())) {
            throw conflict("the Idempotency-Key is no longer held by this request");
        }

        for (ChangeSet.MembershipWrite write : writes) {
            memberships.put(write.after().id(), stored(write.after()));
        }
        for (ChangeSet.PointerChange move : moves) {
            PointerKey key = new PointerKey(move.chainId(), move.accountId());
            move.to().ifPresentOrElse(to -> pointers.put(key, to), () -> pointers.remove(key));
        }
        changes.receipt().ifPresent(keys::keepWithCommit);
    }

    @Override
    public void prime(List<Membership> samples) {
        // Nothing to warm in memory.
    }

    /** How many commits were refused with a {@link WriteConflictException}: lets a test see that a race really happened. */
    public synchronized int conflicts() {
        return conflicts;
    }

    /** The membership as the repository stores it: times to the millisecond. */
    private static Membership stored(Membership m) {
        return new Membership(
                m.id(),
                m.chainId(),
                m.accountId(),
                m.loyaltyProgramId(),
                m.state(),
                m.primary(),
                m.providerMembershipId(),
                m.membershipNumber(),
                m.points(),
                m.expirationDate(),
                m.url(),
                m.loyaltyTierId(),
                m.creatorProfile(),
                m.updaterProfile(),
                m.createdUtc().truncatedTo(ChronoUnit.MILLIS),
                m.updatedUtc().truncatedTo(ChronoUnit.MILLIS),
                m.activityState(),
                m.version(),
                Optional.empty());
    }

    private WriteConflictException conflict(String message) {
        conflicts++;
        return new WriteConflictException(message, null);
    }

    private static void requireOneWritePerItem(
            List<ChangeSet.MembershipWrite> writes, List<ChangeSet.PointerChange> moves) {
        Set<Object> items = new HashSet<>();
        for (ChangeSet.MembershipWrite write : writes) {
            if (!items.add(write.after().id())) {
                throw new IllegalArgumentException(
                        "one commit writes membership " + write.after().id() + " twice");
            }
        }
        for (ChangeSet.PointerChange move : moves) {
            if (!items.add(new PointerKey(move.chainId(), move.accountId()))) {
                throw new IllegalArgumentException(
                        "one commit moves the pointer of account " + move.accountId() + " twice");
            }
        }
    }
}
