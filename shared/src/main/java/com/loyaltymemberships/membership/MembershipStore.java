package com.loyaltymemberships.membership;

import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where memberships and each account's primary pointer are kept: the port the membership rules need,
 * implemented by the DynamoDB repository. Reads by key are strongly consistent.
 */
public interface MembershipStore {

    Optional<Membership> get(UUID id);

    /** The memberships that exist among {@code ids}, by Id, as they are now (for reading). */
    Map<UUID, Membership> getMany(Collection<UUID> ids);

    /**
     * One getAll page: at most {@code filter.query().count()} memberships that pass {@code filter}, in page order, and the
     * membership at the cursor's position if the reads met it (reads are bounded by the cursor inclusively).
     */
    MembershipPage page(MembershipFilter filter);

    /**
     * The memberships that exist among {@code ids}, to change them. None is being written by an unfinished request:
     * one whose holder is gone is finished first (recovered); one that still runs is a {@link WriteConflictException}.
     */
    Map<UUID, Membership> current(Collection<UUID> ids);

    /** Account → its primary membership in the chain, for the accounts that have one; as {@link #current}. */
    Map<UUID, UUID> primaryPointers(UUID chainId, Set<UUID> accounts);

    /**
     * Writes all of {@code changes} or nothing.
     *
     * @throws WriteConflictException when something read has changed since (nothing is written)
     * @throws OutOfTimeException     when the deadline came first (nothing is written, or all of it will be)
     */
    void commit(ChangeSet changes, Deadline deadline);

    /**
     * Warms this store before a SnapStart snapshot, writing nothing: reads {@code samples} and their accounts' primary
     * pointers by key as a write reads them (new Ids: nothing is found), maps them through every item schema a request
     * uses, and builds, without sending, the transactions that would write them.
     */
    void prime(List<Membership> samples);
}
