package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipFilter;
import com.loyaltymemberships.membership.MembershipIds;
import com.loyaltymemberships.membership.MembershipOrder;
import com.loyaltymemberships.membership.MembershipPage;
import com.loyaltymemberships.validation.MembershipQuery;
import com.loyaltymemberships.validation.TimeWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * Answers a getAll page with key conditions only, never a Scan.
 *
 * <p>Plan: Ids given → one BatchGetItem per 100 Ids. Otherwise the most selective filter picks the
 * index (membership numbers, provider Ids, accounts, then programs and states, else the chain listing),
 * and the request becomes one Query stream per (chain, activity state, filter value) partition, and per
 * write shard where the index is sharded ({@link WriteShards}).
 *
 * <p>The indexes hold keys only ({@link IndexEntry}): a page is read as keys, then items. The chain listing, programs
 * and states have an index in each order, so their streams are already in page order and a k-way merge of their keys
 * ({@link EntryMerge}) picks about the page's entries; their items are then read by key (BatchGetItem, 100 keys a
 * request, side by side): two round trips, eventually consistent, and strongly consistent again for an item not at
 * its entry there ({@link #itemsAt}). An index lags its items, and a consistent read is never older than the entry
 * that led to it, so each item read is checked again: it still exists, it is still at the
 * entry's place in the index (else it moved, and is listed at its new place or not at all), and it passes every
 * filter. When that leaves the page short, the merge goes on for what is missing (scaled by the share of items kept
 * so far) until the page is full or the partitions run out. Numbers, provider Ids and accounts are indexed in
 * creation order only: in update order their few memberships are read whole and sorted here.
 *
 * <p>The cursor bounds every Query inclusively, so the cursor's own entry comes back first when it is in
 * a partition read; the page reports it ({@link MembershipPage#atCursor}) and never lists it.
 */
final class MembershipSearch {

    private final DynamoDbTables tables;
    private final DynamoDbTable<Membership> memberships;
    private final BatchReader reader;
    private final Fanout fanout;

    MembershipSearch(DynamoDbTables tables, BatchReader reader, Fanout fanout) {
        this.tables = tables;
        this.memberships = tables.memberships();
        this.reader = reader;
        this.fanout = fanout;
    }

    /** Plan for a query without Ids; the caller reads Ids by key and uses {@link #page}. */
    MembershipPage search(MembershipFilter filter) {
        MembershipQuery query = filter.query();
        MembershipOrder order = filter.order();
        Choice choice = choose(query);
        Index index = choice.index();
        boolean sortedAsWanted = index.sortsById() == (order == MembershipOrder.CREATED);
        Optional<String> lower = lowerBound(index, query);
        Optional<String> cursorBound = sortedAsWanted ? filter.cursorKey() : Optional.empty();
        Optional<String> upper = upperBound(index, query, cursorBound);
        if (lower.isPresent() && upper.isPresent() && lower.get().compareTo(upper.get()) > 0) {
            return MembershipPage.empty();
        }
        List<IndexStream> streams = new ArrayList<>();
        for (UUID chain : filter.chains()) {
            for (ActivityState activity : query.activityStates()) {
                for (String value : choice.values()) {
                    for (int shard : index.sharded() ? WriteShards.ALL : List.of(IndexStream.UNSHARDED)) {
                        streams.add(new IndexStream(
                                tables.entries(index),
                                MembershipTable.partition(index, chain, activity, value, shard),
                                shard,
                                lower,
                                upper));
                    }
                }
            }
        }
        // One more with a cursor, whose own entry comes first when its partition is read.
        int pageSize = query.count() + (cursorBound.isPresent() ? 1 : 0);
        if (!sortedAsWanted) {
            return page(itemsAt(index, drain(streams, pageSize)), filter);
        }
        MembershipPage page = merge(index, streams, filter, pageSize);
        return streams.stream().anyMatch(IndexStream::readOneOfAnotherShard)
                ? withMovedMemberships(index, page, streams, filter, lower)
                : page;
    }

    /**
     * The page again, with what moved while it was read. Memberships stored before write sharding sit in shard 0's
     * partitions until a write or the backfill moves them to their own shard; the page reads its partitions one Query
     * at a time, so one that moved out of shard 0 after shard 0 was read there, and into its shard after that shard
     * was read there, was in neither answer. A move happens once per membership: reading the other shards again over
     * the page's range finds every such one where it now is. Only while shard 0 still holds memberships of other
     * shards (a table not yet backfilled): each such page reads about twice.
     */
    private MembershipPage withMovedMemberships(
            Index index,
            MembershipPage page,
            List<IndexStream> streams,
            MembershipFilter filter,
            Optional<String> lower) {
        Optional<String> from = page.memberships().size() < filter.query().count()
                ? lower
                : Optional.of(filter.order()
                        .sortKey(page.memberships().get(page.memberships().size() - 1)));
        List<IndexStream> again = streams.stream()
                .filter(stream -> stream.shard() != 0)
                .map(stream -> stream.again(from))
                .toList();
        List<Membership> read = new ArrayList<>(page.memberships());
        page.atCursor().ifPresent(read::add);
        read.addAll(itemsAt(index, drain(again, filter.query().count() + 1)));
        return page(
                read.stream().collect(Collectors.toMap(Membership::id, m -> m, (a, b) -> a)).values().stream()
                        .toList(),
                filter);
    }

    /** A page from memberships read whole: filter, sort, take; and the cursor's membership if it is among them. */
    static MembershipPage page(List<Membership> read, MembershipFilter filter) {
        List<Membership> page = read.stream()
                .filter(filter)
                .sorted(filter.order().pageOrder())
                .limit(filter.query().count())
                .toList();
        return new MembershipPage(page, read.stream().filter(filter::isAtCursor).findFirst());
    }

    private record Choice(Index index, List<String> values) {}

    private static Choice choose(MembershipQuery q) {
        boolean creationOrder = !q.inUpdateOrder();
        if (!q.membershipNumbers().isEmpty()) {
            return new Choice(Index.BY_MEMBERSHIP_NUMBER, List.copyOf(q.membershipNumbers()));
        }
        if (!q.providerMembershipIds().isEmpty()) {
            return new Choice(Index.BY_PROVIDER_MEMBERSHIP_ID, List.copyOf(q.providerMembershipIds()));
        }
        if (!q.accountIds().isEmpty()) {
            return new Choice(Index.BY_ACCOUNT, strings(q.accountIds()));
        }
        if (!q.loyaltyProgramIds().isEmpty()) {
            return new Choice(
                    creationOrder ? Index.BY_PROGRAM : Index.BY_PROGRAM_UPDATED, strings(q.loyaltyProgramIds()));
        }
        if (!q.states().isEmpty()) {
            return new Choice(
                    creationOrder ? Index.BY_STATE : Index.BY_STATE_UPDATED,
                    q.states().stream().map(MembershipState::wireName).sorted().toList());
        }
        // The chain listings have no value part in their partition key.
        return new Choice(creationOrder ? Index.BY_CHAIN : Index.BY_CHAIN_UPDATED, List.of(""));
    }

    private static List<String> strings(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().collect(Collectors.toList());
    }

    private static Optional<String> lowerBound(Index index, MembershipQuery q) {
        return index.sortsById()
                ? q.created().map(w -> MembershipIds.boundAt(w.from()))
                : q.updated().map(w -> Timestamps.toMillis(w.from()));
    }

    private static Optional<String> upperBound(Index index, MembershipQuery q, Optional<String> cursorKey) {
        Optional<TimeWindow> window = index.sortsById() ? q.created() : q.updated();
        Optional<String> fromWindow =
                window.map(w -> index.sortsById() ? MembershipIds.boundAt(w.until()) : Timestamps.toMillis(w.until()));
        if (fromWindow.isEmpty()) {
            return cursorKey;
        }
        return cursorKey.filter(c -> c.compareTo(fromWindow.get()) < 0).or(() -> fromWindow);
    }

    /**
     * The page from streams in page order: rounds of the merge's next entries, then their items. The first round takes
     * the page (and the cursor's own entry); each further round what is still missing, scaled by how many of the
     * entries taken so far gave a membership of the page, and at most {@link BatchReader#MAX_KEYS} more than missing.
     */
    private MembershipPage merge(Index index, List<IndexStream> streams, MembershipFilter filter, int pageSize) {
        int count = filter.query().count();
        EntryMerge<IndexEntry> entries = new EntryMerge<>(streams, IndexEntry::sortKey, fanout, pageSize);
        List<Membership> page = new ArrayList<>(count);
        Optional<Membership> atCursor = Optional.empty();
        // An index can briefly show a membership in two partitions while it moves (e.g. on delete).
        Set<UUID> seen = new HashSet<>();
        long taken = 0;
        int wanted = pageSize;
        while (page.size() < count && entries.hasNext()) {
            List<IndexEntry> round = entries.take(wanted);
            taken += round.size();
            for (Membership item : itemsAt(index, round)) {
                if (page.size() < count && filter.test(item) && seen.add(item.id())) {
                    page.add(item);
                } else if (filter.isAtCursor(item)) {
                    atCursor = Optional.of(item);
                }
            }
            int missing = count - page.size();
            long used = page.size() + (atCursor.isPresent() ? 1 : 0);
            wanted =
                    (int) Math.min(missing + BatchReader.MAX_KEYS, -Math.floorDiv(-missing * taken, Math.max(1, used)));
        }
        return new MembershipPage(page, atCursor);
    }

    /**
     * The memberships of these entries that are still at their entry's place ({@link IndexEntry#at}), each once, in
     * the entries' order: one BatchGetItem per 100 of them, side by side, eventually consistent (half the read units).
     * An item not at its entry there (not yet visible, or an older version whose key in this index was another) is read
     * again strongly consistent, which is never older than the entry that led to it: a membership is missed only if it
     * really left its place. One at its entry may be a version older than the newest, as an entry of an index that
     * projected every attribute could be (indexes are eventually consistent too).
     */
    private List<Membership> itemsAt(Index index, List<IndexEntry> entries) {
        Map<UUID, Membership> items = read(entries, false);
        List<IndexEntry> notThere =
                entries.stream().filter(entry -> !at(index, entry, items)).toList();
        if (!notThere.isEmpty()) {
            items.putAll(read(notThere, true));
        }
        Map<UUID, Membership> found = new LinkedHashMap<>();
        for (IndexEntry entry : entries) {
            if (at(index, entry, items)) {
                found.putIfAbsent(entry.id(), items.get(entry.id()));
            }
        }
        return List.copyOf(found.values());
    }

    private static boolean at(Index index, IndexEntry entry, Map<UUID, Membership> items) {
        Membership item = items.get(entry.id());
        return item != null && entry.at(index, item);
    }

    /** The items of {@code entries} by Id, strongly or eventually consistent. */
    private Map<UUID, Membership> read(List<IndexEntry> entries, boolean consistent) {
        List<Key> keys = entries.stream()
                .map(IndexEntry::id)
                .distinct()
                .map(MembershipTable::key)
                .toList();
        Map<UUID, Membership> items = new HashMap<>();
        (consistent ? reader.read(memberships, keys) : reader.readEventually(memberships, keys))
                .forEach(m -> items.put(m.id(), m));
        return items;
    }

    /** Every entry of the streams (within their bounds). */
    private List<IndexEntry> drain(List<IndexStream> streams, int pageSize) {
        return fanout.map(streams, stream -> stream.fetchAll(pageSize).takeAll()).stream()
                .flatMap(List::stream)
                .toList();
    }
}
