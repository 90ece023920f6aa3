package com.loyaltymemberships.bench;

import com.loyaltymemberships.access.RateLimit;
import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.devkit.ItemSize;
import com.loyaltymemberships.devkit.PartitionLoad;
import com.loyaltymemberships.devkit.WriteUnitMeter.IndexShape;
import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.dynamodb.EntryMerge;
import com.loyaltymemberships.dynamodb.Fanout;
import com.loyaltymemberships.dynamodb.MembershipItems;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.dynamodb.WriteShards;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipIds;
import com.loyaltymemberships.membership.Profile;
import com.loyaltymemberships.validation.MembershipPatch;
import com.loyaltymemberships.validation.NewMembership;
import com.loyaltymemberships.validation.NewValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 13, item 1, on paper: what one chain sustains under DynamoDB's per-partition-key limits, computed from the
 * code's own key functions ({@link MembershipItems#of} gives each stored item, {@link Index} each index's keys and
 * whether it is {@link Index#sharded()}, {@link WriteShards#COUNT}), for a generated chain of {@value #MEMBERSHIPS}
 * memberships in one program and one state (the bulk-import worst case, as shared's PartitionShareTest), with and
 * without write sharding (without: every shard's entries under shard 0's key, the design before).
 *
 * <p>{@code java -cp bench/target/loyalty-bench.jar com.loyaltymemberships.bench.ScaleModel} in the project's root
 * prints the section and writes it into bench/results.md ("Scale model: one chain"); the bench's {@code --only scale}
 * writes it with the rest. No engine: nothing here is measured, every figure follows from the stated assumptions.
 */
public final class ScaleModel {

    static final String HEADING = "Scale model: one chain";
    static final int MEMBERSHIPS = 100_000;
    /** DynamoDB: about 1,000 write units and 3,000 read units per second per partition key (a growing sort key). */
    static final double PARTITION_WRITE_UNITS = 1_000;

    static final double PARTITION_READ_UNITS = 3_000;
    static final int IMPORT = 1_000_000;
    static final int PER_REQUEST = 1_000;
    static final int PAGE = 100;
    /** Pages of the listing read one after another (the first, then by Cursor) for the read figures. */
    static final int PAGES = 30;
    /**
     * WriteUnitsTest (docs/WRITE-UNITS.md), add of 1000 "1 KB memberships": units of table items (memberships put
     * alone, the gzip'd journal, the token); the indexes' entries are 1 per membership in each of 8 indexes.
     */
    static final int ADD_1000_TABLE_UNITS = 2_139;

    static final int ADD_1000_JOURNAL_KEY_UNITS = 124;
    static final int ADD_1000_JOURNALS_KEY_UNITS = 14;

    /** The workloads of PartitionShareTest. */
    enum Workload {
        ADD("add"),
        POINTS("update Points"),
        STATE("update State (a tenth)"),
        DELETE("delete (a tenth)");

        final String label;

        Workload(String label) {
            this.label = label;
        }
    }

    /** One generated chain: its stored item size, and the load of each workload with and without sharding. */
    record Chain(
            String name,
            long itemBytes,
            Map<Workload, PartitionLoad> sharded,
            Map<Workload, PartitionLoad> unsharded,
            Reads reads) {

        /** Membership writes per second of the chain in {@code workload}: its busiest key of any index at the limit. */
        double rate(Workload workload, boolean withShards) {
            PartitionLoad load = (withShards ? sharded : unsharded).get(workload);
            return INDEXES.stream()
                    .mapToDouble(i -> load.sustainable(i.name(), PARTITION_WRITE_UNITS))
                    .min()
                    .orElseThrow();
        }

        /** The slowest workload's rate. */
        double rate(boolean withShards) {
            return Arrays.stream(Workload.values())
                    .mapToDouble(w -> rate(w, withShards))
                    .min()
                    .orElseThrow();
        }

        String busiest(Workload workload, boolean withShards) {
            PartitionLoad load = (withShards ? sharded : unsharded).get(workload);
            return INDEXES.stream()
                    .min(Comparator.comparingDouble(i -> load.sustainable(i.name(), PARTITION_WRITE_UNITS)))
                    .orElseThrow()
                    .name();
        }
    }

    /**
     * A listing page's reads, sharded (the merge of MembershipSearch) and not (one Query); and of a page of 10; and the
     * size of one listing entry.
     */
    record Reads(PageRead sharded, PageRead unsharded, PageRead sharded10, PageRead unsharded10, long entryBytes) {}

    /**
     * The reads of {@link #PAGES} pages in a row, per page: Queries, index entries they read, items then fetched by key,
     * read units in all (entries and items) and of the busiest partition key (an index's: each item has its own key).
     */
    record PageRead(double queries, double entries, double items, double units, double busiestKeyUnits) {
        double pagesPerSecond() {
            return PARTITION_READ_UNITS / busiestKeyUnits;
        }
    }

    static final List<IndexShape> INDEXES = Arrays.stream(Index.values())
            .map(i -> new IndexShape(
                    i.indexName(), List.of(i.partitionKey(), i.sortKey()), IndexSet.KEYS_ONLY.projection(), Set.of()))
            .toList();

    private static final List<String> TABLE_KEY = List.of(TableDefinition.PK, TableDefinition.SK);
    private static final UUID CHAIN = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    private static final UUID PROGRAM = UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5");
    private static final Profile BY = new Profile("Import 1.0");

    private final Path root;

    ScaleModel(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path output = root.resolve("bench/results.md");
        Markdown report = new Markdown();
        new ScaleModel(root).run(report);
        report.replaceSection(output, HEADING);
        System.out.println("Written to " + output);
    }

    // ---- the chain ----

    /**
     * {@value #MEMBERSHIPS} memberships of one chain, program and state, added, then all updated (Points), then a tenth
     * updated (State) and a tenth deleted; {@code url} pads the item (empty: the small item of PartitionShareTest).
     */
    static Chain chain(String name, Optional<String> url) {
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        MembershipIds ids = new MembershipIds(Clock.fixed(start, ZoneOffset.UTC));
        Random random = new Random(13);
        List<Membership> created = new ArrayList<>(MEMBERSHIPS);
        for (int i = 0; i < MEMBERSHIPS; i++) {
            // As add creates it (Membership.create): a new account, non-primary.
            NewMembership item = new NewMembership(
                    JsonPath.of("LoyaltyMemberships"),
                    new UUID(random.nextLong(), random.nextLong()),
                    PROGRAM,
                    false,
                    MembershipState.ENROLLED,
                    Optional.of("M-" + i),
                    Optional.of(0),
                    Optional.empty(),
                    url,
                    Optional.empty());
            created.add(Membership.create(item, ids.next(), CHAIN, BY));
        }
        Instant later = start.plus(Duration.ofMinutes(5));
        List<Map<String, AttributeValue>> added =
                created.stream().map(MembershipItems::of).toList();
        List<Membership> updated = new ArrayList<>(MEMBERSHIPS);
        List<PartitionLoad.Write> adds = new ArrayList<>();
        List<PartitionLoad.Write> points = new ArrayList<>();
        List<PartitionLoad.Write> states = new ArrayList<>();
        List<PartitionLoad.Write> deletes = new ArrayList<>();
        for (int i = 0; i < MEMBERSHIPS; i++) {
            Membership m = created.get(i);
            Membership after = with(m, m.state(), 7).changed(BY, later);
            updated.add(after);
            adds.add(new PartitionLoad.Write(null, added.get(i)));
            Map<String, AttributeValue> afterItem = MembershipItems.of(after);
            points.add(new PartitionLoad.Write(added.get(i), afterItem));
            if (i % 10 == 0) {
                Instant then = later.plusSeconds(60);
                states.add(new PartitionLoad.Write(
                        afterItem,
                        MembershipItems.of(
                                with(after, MembershipState.CANCELED, 7).changed(BY, then))));
                deletes.add(new PartitionLoad.Write(
                        afterItem,
                        MembershipItems.of(
                                after.withActivityState(ActivityState.DELETED).changed(BY, then))));
            }
        }
        Map<Workload, List<PartitionLoad.Write>> writes =
                Map.of(Workload.ADD, adds, Workload.POINTS, points, Workload.STATE, states, Workload.DELETE, deletes);
        Map<Workload, PartitionLoad> sharded = new EnumMap<>(Workload.class);
        Map<Workload, PartitionLoad> unsharded = new EnumMap<>(Workload.class);
        writes.forEach((w, list) -> {
            sharded.put(w, PartitionLoad.of(TABLE_KEY, INDEXES, list));
            unsharded.put(w, PartitionLoad.of(TABLE_KEY, INDEXES, list, ScaleModel::shardZero));
        });
        long bytes = ItemSize.of(added.get(0));
        return new Chain(name, bytes, sharded, unsharded, reads(created, added));
    }

    /** The key an entry had before write sharding: a sharded index's key without its shard's suffix (shard 0's). */
    static String shardZero(IndexShape shape, Map<String, AttributeValue> item) {
        String key = item.get(shape.key().get(0)).s();
        Index index = Arrays.stream(Index.values())
                .filter(i -> i.indexName().equals(shape.name()))
                .findFirst()
                .orElseThrow();
        int shard = WriteShards.of(UUID.fromString(item.get(TableDefinition.ID).s()));
        if (!index.sharded() || shard == 0) {
            return key;
        }
        String suffix = "#" + shard;
        if (!key.endsWith(suffix)) {
            throw new IllegalStateException(
                    "the shard's key is no longer shard 0's plus #{shard}: " + key + " (shard " + shard + ")");
        }
        return key.substring(0, key.length() - suffix.length());
    }

    /** {@code m} as an update request of its state and points patches it, before {@link Membership#changed}. */
    private static Membership with(Membership m, MembershipState state, int points) {
        return m.patched(new MembershipPatch(
                JsonPath.of("LoyaltyMembershipUpdates"),
                m.id(),
                Optional.empty(),
                Optional.of(state),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(NewValue.of(points)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }

    // ---- reads: the listing's page as MembershipSearch reads it ----

    /** One entry of the listing index: its sort key (the Id), its size (keys only), and its item's size. */
    private record Entry(UUID id, long bytes, long itemBytes) {}

    private static final IndexShape LISTING = INDEXES.stream()
            .filter(i -> i.name().equals(Index.BY_CHAIN.indexName()))
            .findFirst()
            .orElseThrow();

    private static Reads reads(List<Membership> created, List<Map<String, AttributeValue>> items) {
        List<List<Entry>> shards = new ArrayList<>();
        for (int s = 0; s < WriteShards.COUNT; s++) {
            shards.add(new ArrayList<>());
        }
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            Entry e = new Entry(created.get(i).id(), ItemSize.of(LISTING.entry(item, TABLE_KEY)), ItemSize.of(item));
            shards.get(WriteShards.of(e.id())).add(e);
            all.add(e);
        }
        Comparator<Entry> newestFirst = Comparator.comparing(Entry::id).reversed();
        shards.forEach(s -> s.sort(newestFirst));
        all.sort(newestFirst);
        return new Reads(
                pages(shards, PAGE),
                pages(List.of(all), PAGE),
                pages(shards, 10),
                pages(List.of(all), 10),
                all.get(0).bytes());
    }

    /** The model's partitions are in memory: the merge reads them one after another. */
    private static final Fanout MERGE_IN_TURN = new Fanout(1);

    /** One index partition read newest first, {@code limit} entries per Query (IndexStream). */
    private static final class Stream implements EntryMerge.Partition<Entry> {
        final List<Entry> entries;
        int next;
        boolean readToEnd;
        final ArrayDeque<Entry> buffer = new ArrayDeque<>();
        double units;
        int queries;
        int items;

        Stream(List<Entry> entries, Optional<UUID> cursor) {
            this.entries = entries;
            // The cursor bounds the Query inclusively: its own entry comes first where it lives.
            while (cursor.isPresent()
                    && next < entries.size()
                    && entries.get(next).id().compareTo(cursor.get()) > 0) {
                next++;
            }
        }

        /**
         * One Query of up to {@code limit}: eventually consistent, 0.5 read units per started 4 KB of what it read, at
         * least 0.5; it ends the partition only when it reads fewer than {@code limit} (DynamoDB answers a
         * LastEvaluatedKey whenever the limit is reached).
         */
        @Override
        public void fetch(int limit) {
            if (readToEnd) {
                return;
            }
            int n = Math.min(limit, entries.size() - next);
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(next++);
                buffer.add(e);
                bytes += e.bytes();
            }
            queries++;
            items += n;
            units += 0.5 * Math.max(1, (bytes + 4095) / 4096);
            readToEnd = n < limit;
        }

        @Override
        public Optional<Entry> head() {
            return Optional.ofNullable(buffer.peekFirst());
        }

        @Override
        public Entry take() {
            return buffer.removeFirst();
        }

        @Override
        public boolean mayHaveMore() {
            return !readToEnd;
        }
    }

    /**
     * {@link #PAGES} pages of {@link #PAGE} in a row, read as MembershipSearch's merge reads them; per page. The busiest
     * key is the one with the most read units over all the pages: what a steady stream of such pages puts on it.
     */
    private static PageRead pages(List<List<Entry>> partitions, int count) {
        Optional<UUID> cursor = Optional.empty();
        double queries = 0;
        double entries = 0;
        double items = 0;
        double itemUnits = 0;
        double[] perKey = new double[partitions.size()];
        for (int p = 0; p < PAGES; p++) {
            Optional<UUID> bound = cursor;
            List<Stream> streams =
                    partitions.stream().map(e -> new Stream(e, bound)).toList();
            List<Entry> taken = merge(streams, cursor, count);
            // The taken entries' items, by BatchGetItem: eventually consistent, 0.5 unit per started 4 KB of each.
            for (Entry e : taken) {
                items++;
                itemUnits += 0.5 * ((e.itemBytes() + 4095) / 4096);
            }
            cursor = Optional.of(taken.get(taken.size() - 1).id());
            for (int k = 0; k < streams.size(); k++) {
                Stream s = streams.get(k);
                queries += s.queries;
                entries += s.items;
                perKey[k] += s.units;
            }
        }
        double units = Arrays.stream(perKey).sum() + itemUnits;
        double busiest = Arrays.stream(perKey).max().orElseThrow();
        return new PageRead(queries / PAGES, entries / PAGES, items / PAGES, units / PAGES, busiest / PAGES);
    }

    /**
     * A page as MembershipSearch reads it, with its very merge ({@link EntryMerge}): the page's entries (and the
     * cursor's own, whose item is fetched too and then left out), every partition read for its share, refilled with its
     * share of what the page still needs. No filter is left to check on the items, so one round gives the page.
     */
    private static List<Entry> merge(List<Stream> streams, Optional<UUID> cursor, int count) {
        int pageSize = count + (cursor.isPresent() ? 1 : 0);
        return new EntryMerge<Entry>(streams, e -> e.id().toString(), MERGE_IN_TURN, pageSize).take(pageSize);
    }

    // ---- the import ----

    /** The default of a Number parameter of template.yaml. */
    static int templateDefault(Path root, String parameter) {
        try {
            String template = Files.readString(root.resolve("template.yaml"), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?m)^  " + parameter + ":\\n(?:    .*\\n)*?    Default: (-?\\d+)")
                    .matcher(template);
            if (!m.find()) {
                throw new IllegalStateException("template.yaml has no default for " + parameter);
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One bound of the import: its rate of memberships per second, and what it takes. */
    record Bound(String what, double perSecond, String detail) {
        double seconds() {
            return IMPORT / perSecond;
        }
    }

    /** The bounds of a 1,000,000-membership import through add, 1000 per request, on the 1 KB chain. */
    List<Bound> importBounds(Chain kb) {
        int limit = templateDefault(root, "RateLimitRequests");
        int window = templateDefault(root, "RateLimitWindowSeconds");
        int tableCeiling = templateDefault(root, "TableMaxWriteRequestUnits");
        RateLimit rule = new RateLimit(limit, window);
        double interval = rule.intervalMicros() / 1e6;
        int requests = IMPORT / PER_REQUEST;
        // GCRA: a burst of `limit` requests at once, then one per interval.
        double tokenSeconds = Math.max(0, requests - limit) * interval;
        double sharded = kb.rate(Workload.ADD, true);
        double unsharded = kb.rate(Workload.ADD, false);
        double perToken = PER_REQUEST / interval;
        double indexUnits = INDEXES.stream()
                .mapToDouble(i -> (double) kb.sharded().get(Workload.ADD).total(i.name()) / MEMBERSHIPS)
                .max()
                .orElseThrow();
        double tableUnits = ADD_1000_TABLE_UNITS / (double) PER_REQUEST;
        double ceiling = Math.min(tableCeiling / tableUnits, tableCeiling / indexUnits);
        List<Bound> bounds = new ArrayList<>();
        bounds.add(new Bound(
                "partition keys, sharded",
                sharded,
                String.format(
                        Locale.ROOT,
                        "the busiest key (%s) at %,.0f WU/s; %d tokens at their full rate reach it",
                        kb.busiest(Workload.ADD, true),
                        PARTITION_WRITE_UNITS,
                        (int) Math.ceil(sharded / perToken))));
        bounds.add(new Bound(
                "partition keys, unsharded (before)",
                unsharded,
                String.format(
                        Locale.ROOT,
                        "every shard under shard 0's key (%s); 1 token reaches it",
                        kb.busiest(Workload.ADD, false))));
        bounds.add(new Bound(
                "rate limit, 1 access token",
                IMPORT / (tokenSeconds == 0 ? interval : tokenSeconds),
                String.format(
                        Locale.ROOT,
                        "GCRA %d requests per %d s (template.yaml): a burst of %d requests, then 1 per %.0f ms: %,.0f"
                                + " memberships/s sustained; %d requests of %d",
                        limit,
                        window,
                        limit,
                        interval * 1000,
                        perToken,
                        requests,
                        PER_REQUEST)));
        bounds.add(new Bound(
                "table's on-demand ceiling",
                ceiling,
                String.format(
                        Locale.ROOT,
                        "TableMaxWriteRequestUnits %,d WU/s (template.yaml default), on the table and on each index:"
                                + " %.2f table units per membership (add 1000: %,d, WriteUnitsTest), %.0f per index",
                        tableCeiling,
                        tableUnits,
                        ADD_1000_TABLE_UNITS,
                        indexUnits)));
        bounds.add(new Bound(
                "the JOURNALS key (one for every journaled write)",
                PARTITION_WRITE_UNITS / ADD_1000_JOURNALS_KEY_UNITS * PER_REQUEST,
                String.format(
                        Locale.ROOT,
                        "%d WU per add of 1000 on the one `JOURNALS` key: %.0f journaled requests/s table-wide",
                        ADD_1000_JOURNALS_KEY_UNITS,
                        PARTITION_WRITE_UNITS / ADD_1000_JOURNALS_KEY_UNITS)));
        return bounds;
    }

    // ---- the report ----

    void run(Markdown report) {
        Chain small = chain("small", Optional.empty());
        Chain kb = chain("1 KB", Optional.of(padding(small.itemBytes())));
        report.heading(HEADING);
        report.paragraph(assumptions(small, kb));
        report.paragraph("The numbers of one chain, with and without write sharding: writes per second "
                + perSecond(small.rate(true)) + " vs " + perSecond(small.rate(false)) + " (the slowest workload, "
                + small.itemBytes() + "-byte items), " + perSecond(kb.rate(true)) + " vs " + perSecond(kb.rate(false))
                + " (" + kb.itemBytes() + "-byte items); listing pages of 100 per second "
                + perSecond(small.reads().sharded().pagesPerSecond()) + " vs "
                + perSecond(small.reads().unsharded().pagesPerSecond()) + ". Below, each figure and how.");
        List<List<String>> rows = new ArrayList<>();
        for (Workload w : Workload.values()) {
            rows.add(List.of(
                    w.label,
                    "**" + perSecond(small.rate(w, true)) + "** (" + small.busiest(w, true) + ")",
                    perSecond(small.rate(w, false)) + " (" + small.busiest(w, false) + ")",
                    "**" + perSecond(kb.rate(w, true)) + "**",
                    perSecond(kb.rate(w, false))));
        }
        report.paragraph("Membership writes per second one chain sustains, each workload alone (the busiest partition"
                + " key of any index at " + PARTITION_WRITE_UNITS_TEXT + "):");
        report.table(
                List.of(
                        "workload",
                        "sharded, " + small.itemBytes() + "-byte item (busiest index)",
                        "unsharded (before)",
                        "sharded, " + kb.itemBytes() + "-byte item",
                        "unsharded"),
                rows);
        report.paragraph(
                "Write units per partition key, by index, per " + String.format(Locale.ROOT, "%,d", MEMBERSHIPS)
                        + " membership writes (" + small.itemBytes() + "-byte item; the " + kb.itemBytes()
                        + "-byte item gives the same: entries hold keys only): keys written, units, the busiest key's units and share, sharded and"
                        + " unsharded. Indexes a workload does not write are left out (no provider Ids; a Points update rewrites"
                        + " the creation-ordered entries in place and moves the update-ordered ones, 2 units in one key).");
        List<List<String>> detail = new ArrayList<>();
        for (Workload w : Workload.values()) {
            PartitionLoad sharded = small.sharded().get(w);
            PartitionLoad unsharded = small.unsharded().get(w);
            for (IndexShape index : INDEXES) {
                String name = index.name();
                if (sharded.total(name) == 0) {
                    continue;
                }
                detail.add(List.of(
                        w.label,
                        name,
                        String.format(Locale.ROOT, "%,d", sharded.units(name).size()),
                        String.format(Locale.ROOT, "%,d", sharded.total(name)),
                        String.format(Locale.ROOT, "%,d (%.1f %%)", sharded.largest(name), 100 * sharded.share(name)),
                        String.format(
                                Locale.ROOT, "%,d (%.0f %%)", unsharded.largest(name), 100 * unsharded.share(name)),
                        sharded.largest(name) <= 2
                                ? "— (a key per membership)"
                                : perSecond(sharded.sustainable(name, PARTITION_WRITE_UNITS)) + " / "
                                        + perSecond(unsharded.sustainable(name, PARTITION_WRITE_UNITS))));
            }
        }
        report.table(
                List.of(
                        "workload",
                        "index",
                        "keys",
                        "units",
                        "busiest key, sharded",
                        "busiest key, unsharded",
                        "writes/s sharded / unsharded"),
                detail);
        List<Bound> bounds = importBounds(kb);
        Bound binding = bounds.stream()
                .filter(b -> !b.what().contains("unsharded"))
                .min(Comparator.comparingDouble(Bound::perSecond))
                .orElseThrow();
        report.paragraph(String.format(
                Locale.ROOT,
                "An import of %,d memberships through add, %,d per request (%,d requests), %d-byte items: each bound"
                        + " alone, and the import takes the longest of them. **With the defaults of template.yaml it takes"
                        + " %s, bound by the %s**; with sharding the partition keys alone allow %s.",
                IMPORT,
                PER_REQUEST,
                IMPORT / PER_REQUEST,
                kb.itemBytes(),
                duration(binding.seconds()),
                binding.what(),
                duration(bounds.get(0).seconds())));
        List<List<String>> importRows = new ArrayList<>();
        for (Bound b : bounds) {
            importRows.add(
                    List.of(b.what(), perSecond(b.perSecond()), "**" + duration(b.seconds()) + "**", b.detail()));
        }
        report.table(List.of("bound", "memberships/s", "1,000,000 in", "how"), importRows);
        report.paragraph(String.format(
                Locale.ROOT,
                "Reads: getAll, the chain's listing (`%s`, active), Count %d (and 10), %d pages in a row (the first, then"
                        + " by Cursor), per page. The index holds keys only: eventually consistent Queries of entries"
                        + " (the only kind an index serves; 0.5 read unit per started 4 KB that one Query reads, at least"
                        + " 0.5), then the entries' items by BatchGetItem, eventually consistent (0.5 unit per started"
                        + " 4 KB of each item; the few not yet at their entry read again consistently are left out), each"
                        + " on its own partition key. Sharded: the merge of MembershipSearch, replayed on the generated"
                        + " chain (all %d partitions read for ceil(%d / %d) entries each, a partition whose share runs"
                        + " out read again for its share of what the page still needs). Pages per second: %s read units"
                        + " per second on the busiest key over what one page costs that key.",
                LISTING.name(),
                PAGE,
                PAGES,
                WriteShards.COUNT,
                PAGE,
                WriteShards.COUNT,
                String.format(Locale.ROOT, "%,.0f", PARTITION_READ_UNITS)));
        List<List<String>> readRows = new ArrayList<>();
        for (Chain c : List.of(small, kb)) {
            for (int variant = 0; variant < 4; variant++) {
                boolean withShards = variant % 2 == 0;
                boolean ten = variant >= 2;
                if (ten && c == kb) {
                    continue;
                }
                Reads reads = c.reads();
                PageRead r = ten
                        ? withShards ? reads.sharded10() : reads.unsharded10()
                        : withShards ? reads.sharded() : reads.unsharded();
                readRows.add(List.of(
                        "Count " + (ten ? 10 : PAGE) + ", " + c.itemBytes() + "-byte item, "
                                + (withShards ? "sharded" : "unsharded (before)"),
                        String.format(Locale.ROOT, "%.1f", r.queries()),
                        String.format(Locale.ROOT, "%.1f", r.entries()),
                        String.format(Locale.ROOT, "%.1f", r.items()),
                        String.format(Locale.ROOT, "%.1f", r.units()),
                        String.format(Locale.ROOT, "%.1f", r.busiestKeyUnits()),
                        (withShards ? "**" : "") + perSecond(r.pagesPerSecond()) + (withShards ? "**" : "")));
            }
        }
        report.table(
                List.of(
                        "listing page",
                        "Queries",
                        "entries read",
                        "items fetched",
                        "read units, all keys",
                        "read units, busiest key",
                        "pages/s per chain"),
                readRows);
        report.paragraph("So sharding multiplies the chain's write rate by about "
                + Math.round(small.rate(true) / small.rate(false))
                + " and its listing pages per second by about "
                + Math.round(small.reads().sharded().pagesPerSecond()
                        / small.reads().unsharded().pagesPerSecond())
                + ", and costs a listing page about "
                + String.format(
                        Locale.ROOT,
                        "×%.1f (small item) to ×%.1f (1 KB item)",
                        small.reads().sharded().units()
                                / small.reads().unsharded().units(),
                        kb.reads().sharded().units() / kb.reads().unsharded().units())
                + " its read units: its Queries each pay at least 0.5 unit, where one Query of keys was rounded once;"
                + " the items fetched cost the same either way. A program or state filter reads the same way (its 32"
                + " shard partitions)."
                + String.format(
                        Locale.ROOT,
                        " Every index entry holds keys only (%d bytes in the listing index), 1 write unit whatever the"
                                + " item's size: the %d-byte item sustains %s, the %d-byte item %s.",
                        small.reads().entryBytes(),
                        kb.itemBytes(),
                        perSecond(kb.rate(true)),
                        small.itemBytes(),
                        perSecond(small.rate(true))));
    }

    private static final String PARTITION_WRITE_UNITS_TEXT = "1,000 write units per second";

    private static String assumptions(Chain small, Chain kb) {
        return String.join(
                "\n",
                "Computed, not measured: from the code's own key functions (`MembershipItems.of` for every stored item,"
                        + " `TableDefinition.Index` for each index's keys and `sharded()`, `WriteShards`), with devkit's"
                        + " `PartitionLoad` (the write-unit rules of `WriteUnitMeter`, docs/WRITE-UNITS.md).",
                "",
                "- The chain: " + String.format(Locale.ROOT, "%,d", MEMBERSHIPS)
                        + " memberships, one program, one state, a membership number each, non-primary, new accounts"
                        + " (the bulk-import worst case, as PartitionShareTest): added; then all updated (Points); then"
                        + " a tenth updated (State), and a tenth deleted (soft: every entry moves from `#A` to `#D`).",
                "- Two item sizes: the generated item (" + small.itemBytes()
                        + " bytes stored: 1 unit per index entry) and the same padded by a Url to " + kb.itemBytes()
                        + " bytes (as WriteUnitsTest's \"1 KB membership\": still 1 unit per entry, which holds keys only).",
                "- DynamoDB serves about 1,000 write units and 3,000 read units per second per partition key; a key"
                        + " whose sort key only grows (a time-ordered Id, an update time) cannot be split for heat,"
                        + " so its limit is the chain's. Bursts, adaptive capacity and warm throughput are left out.",
                "- The Ids are time-ordered UUIDv7 with random bits, as the service makes them: the shards' shares,"
                        + " and so the sharded figures, move by a few percent from one run to the next.",
                "- Sharded: the current code (" + WriteShards.COUNT + " shards of the chain, program and state"
                        + " partitions). Unsharded (before): the same entries each under shard 0's key, the key"
                        + " every membership had before write sharding.",
                "- A workload's rate is the lowest over the 9 indexes of 1,000 × writes / the busiest key's units; the"
                        + " table's own items (one partition key per membership) and the token (one per client) are"
                        + " not hot in these workloads.",
                "- The import: template.yaml's defaults for the rate limit and the table's on-demand ceiling; the table"
                        + " units of an add of 1000 from WriteUnitsTest ("
                        + String.format(Locale.ROOT, "%,d", ADD_1000_TABLE_UNITS)
                        + " with the 1-unit token check). The stage's throttle (200 requests/s, 200,000"
                        + " memberships/s) and Lambda's concurrency do not bind here. Each add of 1000 also writes"
                        + " and deletes its journal under a key of its own ("
                        + String.format(Locale.ROOT, "%,d", ADD_1000_JOURNAL_KEY_UNITS)
                        + " units for 1 KB items): at 1,000 WU/s that key alone takes about 3 s, a floor on one"
                        + " request's time, not on the chain's rate.");
    }

    /** A Url that pads the generated item to about 1,480 bytes stored, as WriteUnitsTest's 1 KB membership. */
    private static String padding(long smallBytes) {
        int extra = (int) Math.max(0, 1_480 - smallBytes - "Url".length());
        return "https://rewards.example.com/" + "x".repeat(Math.max(0, extra - 28));
    }

    static String perSecond(double rate) {
        if (Double.isInfinite(rate)) {
            return "∞";
        }
        return String.format(Locale.ROOT, "%,.0f/s", rate);
    }

    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
