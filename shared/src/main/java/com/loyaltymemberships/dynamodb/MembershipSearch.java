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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/**
 * Answers a getAll page with key conditions only, never a Scan.
 *
 * <p>Plan: Ids given → one BatchGetItem per 100 Ids. Otherwise the most selective filter picks the
 * index (membership numbers, provider Ids, accounts, then programs and states, else the chain listing),
 * and the request becomes one Query stream per (chain, activity state, filter value) partition, and per
 * write shard where the index is sharded ({@link WriteShards}). The chain listing, programs and states have
 * an index in each order, so their streams are already in page order and a k-way merge reads about the page. Numbers, provider Ids and accounts are indexed in
 * creation order only: in update order their few memberships are read whole and sorted here. Remaining
 * filters are checked in memory on what was read.
 *
 * <p>The cursor bounds every Query inclusively, so the cursor's own entry comes back first when it is in
 * a partition read; the page reports it ({@link MembershipPage#atCursor}) and never lists it.
 */
final class MembershipSearch {

    private final DynamoDbTable<Membership> table;
    private final Fanout fanout;

    MembershipSearch(DynamoDbTable<Membership> table, Fanout fanout) {
        this.table = table;
        this.fanout = fanout;
    }

    /** Plan for a query without Ids; the caller reads Ids by key and uses {@link #page}. */
    MembershipPage search(MembershipFilter filter) {
        MembershipQuery query = filter.query();
        MembershipOrder order = filter.order();
        Choice choice = choose(query);
        boolean sortedAsWanted = choice.index().sortsById() == (order == MembershipOrder.CREATED);
        Optional<String> lower = lowerBound(choice.index(), query);
        Optional<String> cursorBound = sortedAsWanted ? filter.cursorKey() : Optional.empty();
        Optional<String> upper = upperBound(choice.index(), query, cursorBound);
        if (lower.isPresent() && upper.isPresent() && lower.get().compareTo(upper.get()) > 0) {
            return MembershipPage.empty();
        }
        List<IndexStream> streams = new ArrayList<>();
        for (UUID chain : filter.chains()) {
            for (ActivityState activity : query.activityStates()) {
                for (String value : choice.values()) {
                    for (int shard : choice.index().sharded() ? WriteShards.ALL : List.of(IndexStream.UNSHARDED)) {
                        streams.add(new IndexStream(
                                table.index(choice.index().indexName()),
                                MembershipTable.partition(choice.index(), chain, activity, value, shard),
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
            return page(drain(streams, pageSize), filter);
        }
        MembershipPage page = merge(streams, filter, pageSize);
        return streams.stream().anyMatch(IndexStream::readOneOfAnotherShard)
                ? withMovedMemberships(page, streams, filter, lower)
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
            MembershipPage page, List<IndexStream> streams, MembershipFilter filter, Optional<String> lower) {
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
        read.addAll(drain(again, filter.query().count() + 1));
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
     * k-way merge of streams that each yield in page order; stops as soon as the page is full.
     *
     * <p>Every partition is read at once, in parallel, for its share of the page (the page size over the partitions,
     * rounded up); a partition whose share runs out while the page still needs its next entry reads again, for its
     * share of what the page still needs. A partition holds about its share when the memberships are spread over
     * its write shards by a hash, so a page reads about what it answers, plus one to two entries per partition
     * (docs/DECISIONS.md, "Reads of a sharded partition"), in one round of parallel Queries and a few more.
     */
    private MembershipPage merge(List<IndexStream> streams, MembershipFilter filter, int pageSize) {
        MembershipOrder order = filter.order();
        int count = filter.query().count();
        int share = ceilDiv(pageSize, Math.max(1, streams.size()));
        fanout.map(streams, stream -> stream.fetch(share));
        Comparator<IndexStream> byHead = Comparator.comparing(
                        (IndexStream s) -> order.sortKey(s.head().orElseThrow()))
                .reversed();
        PriorityQueue<IndexStream> heads = new PriorityQueue<>(Math.max(1, streams.size()), byHead);
        streams.stream().filter(s -> s.head().isPresent()).forEach(heads::add);
        int live = (int) streams.stream()
                .filter(s -> s.head().isPresent() || s.mayHaveMore())
                .count();
        List<Membership> page = new ArrayList<>(count);
        Optional<Membership> atCursor = Optional.empty();
        Set<UUID> seen = new HashSet<>();
        while (page.size() < count && !heads.isEmpty()) {
            IndexStream stream = heads.poll();
            Membership next = stream.take();
            // seen: an index can briefly show a membership in two partitions while it moves (e.g. on delete).
            if (filter.test(next) && seen.add(next.id())) {
                page.add(next);
            } else if (filter.isAtCursor(next)) {
                atCursor = Optional.of(next);
            }
            // Not once the page is full: the next entry of this partition would be read for nothing.
            if (page.size() < count && stream.head().isEmpty() && stream.mayHaveMore()) {
                stream.fetch(ceilDiv(count - page.size(), live));
            }
            if (stream.head().isPresent()) {
                heads.add(stream);
            } else if (!stream.mayHaveMore()) {
                live--;
            }
        }
        return new MembershipPage(page, atCursor);
    }

    private static int ceilDiv(int x, int y) {
        return -Math.floorDiv(-x, Math.max(1, y));
    }

    private List<Membership> drain(List<IndexStream> streams, int pageSize) {
        List<List<Membership>> all =
                fanout.map(streams, stream -> stream.fetchAll(pageSize).takeAll());
        return all.stream()
                .flatMap(List::stream)
                .collect(Collectors.toMap(Membership::id, m -> m, (a, b) -> a))
                .values()
                .stream()
                .toList();
    }
}
