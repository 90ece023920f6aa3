package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.ChangeSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipFilter;
import com.loyaltymemberships.membership.MembershipPage;
import com.loyaltymemberships.membership.MembershipStore;
import com.loyaltymemberships.membership.WriteConflictException;
import com.loyaltymemberships.time.Deadline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;

/**
 * Memberships and their primary pointers in DynamoDB, through the Enhanced Client. Reads by key are strongly
 * consistent; reads for writing also see which unfinished write holds an item ({@link Holds}).
 */
public final class MembershipRepository implements MembershipStore {

    private final DynamoDbTables tables;
    private final DynamoDbTable<Membership> memberships;
    private final BatchReader batchReader;
    private final MembershipSearch search;
    private final ChangeWriter writer;
    private final WriteRecovery recovery;
    private final PrimaryClaims claims;

    public MembershipRepository(DynamoDbTables tables, Fanout fanout, WriteRecovery recovery, JsonLog log) {
        this.tables = tables;
        this.memberships = tables.memberships();
        this.batchReader = new BatchReader(tables.enhanced, fanout);
        this.search = new MembershipSearch(tables, batchReader, fanout);
        this.recovery = recovery;
        this.writer = new ChangeWriter(tables, recovery, log);
        this.claims = new PrimaryClaims(tables, batchReader);
    }

    @Override
    public Optional<Membership> get(UUID id) {
        return Optional.ofNullable(
                memberships.getItem(r -> r.key(MembershipTable.key(id)).consistentRead(true)));
    }

    @Override
    public Map<UUID, Membership> getMany(Collection<UUID> ids) {
        return getMany(batchReader, memberships, ids);
    }

    /**
     * {@link #getMany} on {@code tables} without a repository (nothing to write with, one chunk of keys at a time): for
     * the bench's profile of a cold getAll (bench/ ProfileGetAllEnhanced), which measures the Enhanced Client's part
     * alone.
     */
    public static Map<UUID, Membership> getManyForProfile(DynamoDbTables tables, Collection<UUID> ids) {
        return getMany(new BatchReader(tables.enhanced, new Fanout(1)), tables.memberships(), ids);
    }

    private static Map<UUID, Membership> getMany(
            BatchReader reader, DynamoDbTable<Membership> memberships, Collection<UUID> ids) {
        Map<UUID, Membership> found = new HashMap<>();
        reader.read(memberships, keys(ids)).forEach(m -> found.put(m.id(), m));
        return found;
    }

    /** Asked for by Id: read those by key; otherwise a key-condition search of the indexes. */
    @Override
    public MembershipPage page(MembershipFilter filter) {
        if (!filter.query().ids().isEmpty()) {
            return MembershipSearch.page(
                    List.copyOf(getMany(filter.query().ids()).values()), filter);
        }
        return search.search(filter);
    }

    @Override
    public void prime(List<Membership> samples) {
        List<UUID> ids = samples.stream().map(Membership::id).toList();
        getMany(ids);
        current(ids);
        samples.stream()
                .collect(Collectors.groupingBy(Membership::chainId))
                .forEach((chain, members) -> primaryPointers(
                        chain, members.stream().map(Membership::accountId).collect(Collectors.toSet())));
        ItemActions actions = new ItemActions(tables);
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
        for (Membership sample : samples) {
            MembershipTable.SCHEMA.mapToItem(MembershipTable.SCHEMA.itemToMap(sample, true));
            ItemWrite.Replace replace = new ItemWrite.Replace(sample.version(), sample);
            ItemWrite.Point point = new ItemWrite.Point(
                    sample.chainId(), sample.accountId(), Optional.empty(), Optional.of(sample.id()));
            for (ItemWrite write : List.of(new ItemWrite.Create(sample), replace, point)) {
                actions.direct(write).addTo().accept(transaction);
            }
            actions.alone(replace);
            actions.claim(point, Instant.EPOCH);
            actions.hold(replace, "snapstart-priming").addTo().accept(transaction);
            actions.apply(point, "snapstart-priming").addTo().accept(transaction);
        }
        transaction.build();
    }

    @Override
    public Map<UUID, Membership> current(Collection<UUID> ids) {
        List<MembershipTable.HeldMembership> read = batchReader.read(tables.heldMemberships(), keys(ids)).stream()
                .filter(h -> h.membership() != null) // a tombstone (PrimaryClaims): no membership
                .toList();
        settle(read.stream().map(MembershipTable.HeldMembership::lock).toList());
        Map<UUID, Membership> found = new HashMap<>();
        read.forEach(h -> found.put(h.membership().id(), h.membership()));
        return found;
    }

    @Override
    public Map<UUID, UUID> primaryPointers(UUID chainId, Set<UUID> accounts) {
        List<Key> keys =
                accounts.stream().map(a -> PrimaryPointer.key(chainId, a)).toList();
        List<PrimaryPointer.HeldPointer> read = batchReader.read(tables.heldPointers(), keys);
        settle(read.stream().map(PrimaryPointer.HeldPointer::lock).toList());
        List<PrimaryPointer> pointers =
                read.stream().flatMap(h -> h.pointer().stream()).toList();
        claims.settle(pointers, recovery.clock().instant());
        Map<UUID, UUID> found = new HashMap<>();
        pointers.forEach(p -> found.put(p.accountId(), p.membershipId()));
        return found;
    }

    /**
     * Items held by an unfinished write cannot be changed: while it runs, that is a conflict (the caller retries); when
     * its owner is gone, it is recovered first, and then too the caller reads again.
     */
    private void settle(List<Optional<String>> locks) {
        Set<String> holders = new LinkedHashSet<>();
        locks.forEach(lock -> lock.ifPresent(holders::add));
        for (String holder : holders) {
            if (!recovery.recover(holder)) {
                throw new WriteConflictException("another request is writing these memberships", null);
            }
        }
        if (!holders.isEmpty()) {
            throw new WriteConflictException(
                    "a write that held these memberships was recovered; read them again", null);
        }
    }

    @Override
    public void commit(ChangeSet changes, Deadline deadline) {
        List<List<ItemWrite>> groups = new ArrayList<>();
        for (ChangeSet.Group group : changes.groups()) {
            List<ItemWrite> writes = new ArrayList<>();
            group.memberships()
                    .forEach(w -> writes.add(w.before()
                            .<ItemWrite>map(before -> new ItemWrite.Replace(before.version(), w.after()))
                            .orElseGet(() -> new ItemWrite.Create(w.after()))));
            group.pointers()
                    .forEach(p -> writes.add(new ItemWrite.Point(p.chainId(), p.accountId(), p.from(), p.to())));
            groups.add(writes);
        }
        changes.receipt().ifPresent(receipt -> groups.add(List.of(new ItemWrite.Keep(receipt))));
        String id = changes.receipt()
                .map(r -> r.claim().id())
                .orElseGet(() -> UUID.randomUUID().toString());
        writer.write(groups, deadline, id);
    }

    private static List<Key> keys(Collection<UUID> ids) {
        List<Key> keys = new ArrayList<>();
        new LinkedHashSet<>(ids).forEach(id -> keys.add(MembershipTable.key(id)));
        return keys;
    }
}
