package com.loyaltymemberships.testing;

import com.loyaltymemberships.membership.ChangeSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipFilter;
import com.loyaltymemberships.membership.MembershipPage;
import com.loyaltymemberships.membership.MembershipStore;
import com.loyaltymemberships.time.Deadline;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Forces a race step by step, as the acceptance suite does on the engine: another request runs exactly once, right
 * after this request's first read for writing, before its commit. The other request writes to the same store directly
 * (not through this wrapper), so it is not interleaved itself.
 */
public final class Interleaving {

    private Runnable afterCurrent = () -> {};
    private Runnable afterPointers = () -> {};

    /** Runs {@code other} once, after the first {@link MembershipStore#current} read. */
    public void afterFirstCurrent(Runnable other) {
        this.afterCurrent = once(other);
    }

    /** Runs {@code other} once, after the first {@link MembershipStore#primaryPointers} read. */
    public void afterFirstPrimaryPointers(Runnable other) {
        this.afterPointers = once(other);
    }

    private static Runnable once(Runnable r) {
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                done[0] = true;
                r.run();
            }
        };
    }

    /** {@code store}, with the interleaving. */
    public MembershipStore around(MembershipStore store) {
        return new MembershipStore() {
            @Override
            public Optional<Membership> get(UUID id) {
                return store.get(id);
            }

            @Override
            public Map<UUID, Membership> getMany(Collection<UUID> ids) {
                return store.getMany(ids);
            }

            @Override
            public MembershipPage page(MembershipFilter filter) {
                return store.page(filter);
            }

            @Override
            public Map<UUID, Membership> current(Collection<UUID> ids) {
                Map<UUID, Membership> read = store.current(ids);
                afterCurrent.run();
                return read;
            }

            @Override
            public Map<UUID, UUID> primaryPointers(UUID chainId, Set<UUID> accounts) {
                Map<UUID, UUID> read = store.primaryPointers(chainId, accounts);
                afterPointers.run();
                return read;
            }

            @Override
            public void commit(ChangeSet changes, Deadline deadline) {
                store.commit(changes, deadline);
            }

            @Override
            public void prime(List<Membership> samples) {
                store.prime(samples);
            }
        };
    }
}
