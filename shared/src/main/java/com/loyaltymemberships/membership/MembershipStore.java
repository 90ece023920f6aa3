package com.loyaltymemberships.membership;

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

    /** The memberships that exist among {@code ids}, by Id. */
    Map<UUID, Membership> getMany(Collection<UUID> ids);

    /** One getAll page: at most {@code filter.query().count()} memberships that pass {@code filter}, in page order. */
    List<Membership> page(MembershipFilter filter);

    /** Account → its primary membership in the chain, for the accounts that have one. */
    Map<UUID, UUID> primaryPointers(UUID chainId, Set<UUID> accounts);

    /**
     * Writes all of {@code changes} or nothing.
     *
     * @throws WriteConflictException when something read has changed since (nothing remains written)
     */
    void commit(ChangeSet changes);
}
