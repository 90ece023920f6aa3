package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.BackfillReport;
import com.loyaltymemberships.dynamodb.KeyBackfill;
import com.loyaltymemberships.dynamodb.MembershipItems;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.WriteShards;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipIds;
import com.loyaltymemberships.membership.Profile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 13, item 5: a table written by the release before write sharding moves to the new keys while the service
 * runs, with no membership lost and no answer changed. 3,000 memberships of one chain are stored as that release stored them;
 * every getAll shape is answered before; then the key backfill runs, is stopped partway and resumed from its
 * checkpoints, while one thread keeps listing (every answer 200, and every membership in every listing: none is
 * missed while it moves, see {@link Traffic#missed}) and another keeps adding
 * and updating; after, every item has the keys the current code computes, spread over all 32 shards, every shape
 * answers as before (but for the memberships the writer touched, checked on their own), and another run moves
 * nothing.
 *
 * <p>On moto a Query costs about 5 ms plus 15 µs per item in the table, and a chain-wide page reads 32 partitions per
 * value, so the shapes are few and their pages large (1000).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class KeyMigrationTest {

    private static final int MEMBERSHIPS = 3_000;
    private static final int PAGE = 1000;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** The memberships were created every 10 minutes from here (about 21 days), each updated a few hours later. */
    private static final Instant FIRST = NOW.minus(Duration.ofDays(25));

    private static final List<UUID> PROGRAMS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final List<UUID> ACCOUNTS = randomIds(400);

    private final List<Membership> originals = new ArrayList<>();

    @Test
    void threeThousandMembershipsMoveToTheirShardsWhileTheServiceRuns(DynamoDbClient dynamoDb) throws Exception {
        long started = System.nanoTime();
        // No rate limit: the reader alone sends hundreds of requests.
        TestApi api = TestApi.create(dynamoDb, 0, 30);
        storeAsThePreviousReleaseDid(dynamoDb, api.tableName);
        Map<String, ObjectNode> shapes = shapes();
        Map<String, List<JsonNode>> before = answers(api, shapes);
        before.forEach((shape, answer) -> assertFalse(answer.isEmpty(), shape + " has answers"));
        assertEquals(
                originals.stream()
                        .filter(m -> m.activityState() == ActivityState.ACTIVE)
                        .count(),
                before.get("listing").size());
        long recorded = System.nanoTime();

        KeyBackfill backfill = new KeyBackfill(dynamoDb, api.tableName);
        KeyBackfill.Options options = KeyBackfill.Options.of(4, 1000);
        Traffic traffic = new Traffic(api);
        BackfillReport stopped;
        BackfillReport resumed;
        try {
            stopped = backfill.run(options.withMaxItems(1200), report -> {});
            assertFalse(stopped.finished());
            assertTrue(backfill.unfinished().isPresent(), "the checkpoints are kept");
            traffic.awaitListingsFromNow(1); // one whole listing read with the memberships half moved
            resumed = backfill.run(options, report -> {});
            traffic.awaitListingsFromNow(1);
        } finally {
            traffic.stop();
        }
        long moved = System.nanoTime();
        assertTrue(traffic.listings.get() >= 2, "listings read while the keys moved: " + traffic.listings.get());
        assertEquals(0, traffic.missed.get(), "memberships missing from listings read while the keys moved");

        assertTrue(resumed.finished());
        assertTrue(
                resumed.scanned() < MEMBERSHIPS + traffic.added.size(),
                "resumed from the checkpoints: " + resumed.scanned());
        // Each membership outside shard 0 moved once: by the backfill, or by a write of the service that got there
        // first (the later run finds it right). The page the stopped run left unfinished is read again, not moved
        // again.
        long outsideShardZero = outsideShardZero(originals.stream().map(Membership::id));
        long byBackfill = stopped.moved() + resumed.moved();
        long byWriter = outsideShardZero(traffic.updated.keySet().stream().map(UUID::fromString));
        assertTrue(
                byBackfill <= outsideShardZero && byBackfill >= outsideShardZero - byWriter,
                byBackfill + " moved of " + outsideShardZero);
        assertEquals(List.of(), notMoved(dynamoDb, api.tableName), "every membership has the current keys");
        assertEquals(
                WriteShards.COUNT,
                originals.stream().map(m -> WriteShards.of(m.id())).distinct().count());
        assertEquals(WriteShards.COUNT, listKeys(dynamoDb, api.tableName).size(), "the chain listing is in 32 keys");

        Set<String> touched = new HashSet<>(traffic.updated.keySet());
        touched.addAll(traffic.added);
        Map<String, List<JsonNode>> after = answers(api, shapes);
        for (String shape : shapes.keySet()) {
            assertEquals(without(before.get(shape), touched), without(after.get(shape), touched), shape);
        }
        traffic.checkWrites(api);

        BackfillReport again = backfill.run(options, report -> {});
        assertEquals(0, again.moved() + again.skipped(), "nothing is left to move");
        assertEquals(MEMBERSHIPS + traffic.added.size(), again.alreadyRight());
        System.out.printf(
                "KeyMigrationTest: seeded and recorded %d s, moved %d s (%d listings, %d memberships missed by them,"
                        + " %d writes meanwhile), checked %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(recorded - started),
                TimeUnit.NANOSECONDS.toSeconds(moved - recorded),
                traffic.listings.get(),
                traffic.missed.get(),
                traffic.updated.size() + traffic.added.size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - moved));
    }

    private static long outsideShardZero(Stream<UUID> ids) {
        return ids.filter(id -> WriteShards.of(id) != 0).count();
    }

    // ---- the table as the release before write sharding left it ----

    /**
     * 3,000 memberships of chain C: 3 programs, every state, 400 accounts, numbers on half, provider Ids on a third, a
     * tenth deleted, each updated a few hours after its creation. Each item is {@link MembershipItems#unsharded}: the
     * item the current code writes, with the three sharded index keys ({@code ListKey}, {@code ProgramKey},
     * {@code StateKey}) without their {@code #n} suffix. That is exactly the previous release's item: its
     * MembershipTable (git show 9d74bf8) computed every attribute the same way, but for that suffix. Written with
     * BatchWriteItem, as moto makes transactions on a table this size slow (ENGINES.md).
     */
    private void storeAsThePreviousReleaseDid(DynamoDbClient dynamoDb, String table) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < MEMBERSHIPS; i++) {
            Instant created = FIRST.plus(Duration.ofMinutes(10L * i));
            UUID id = new MembershipIds(Clock.fixed(created, ZoneOffset.UTC)).next();
            Membership m = new Membership(
                    id,
                    CHAIN_C,
                    ACCOUNTS.get(i % ACCOUNTS.size()),
                    PROGRAMS.get(i % PROGRAMS.size()),
                    MembershipState.values()[i % MembershipState.values().length],
                    false,
                    i % 3 == 0 ? Optional.of("P-" + i) : Optional.empty(),
                    i % 2 == 0 ? Optional.of("N-" + i) : Optional.empty(),
                    Optional.of(i),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Profile.INTEGRATION,
                    Profile.INTEGRATION,
                    created,
                    created.plus(Duration.ofHours(i * 37L % 72)),
                    i % 10 == 0 ? ActivityState.DELETED : ActivityState.ACTIVE,
                    1 + i % 3,
                    Optional.empty());
            originals.add(m);
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder()
                            .item(MembershipItems.unsharded(m))
                            .build())
                    .build());
            if (batch.size() == 25) {
                List<WriteRequest> full = batch;
                Map<String, List<WriteRequest>> left = Map.of(table, full);
                while (!left.isEmpty()) {
                    Map<String, List<WriteRequest>> request = left;
                    left = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                batch = new ArrayList<>();
            }
        }
        assertEquals(
                outsideShardZero(originals.stream().map(Membership::id)),
                notMoved(dynamoDb, table).size());
    }

    private static List<String> notMoved(DynamoDbClient dynamoDb, String table) {
        return memberships(dynamoDb, table).stream()
                .filter(item -> {
                    Map<String, AttributeValue> current = MembershipItems.of(MembershipItems.read(item));
                    return TableDefinition.keyAttributes().stream()
                            .anyMatch(name -> !Objects.equals(current.get(name), item.get(name)));
                })
                .map(item -> item.get(TableDefinition.ID).s())
                .toList();
    }

    private static Set<String> listKeys(DynamoDbClient dynamoDb, String table) {
        return memberships(dynamoDb, table).stream()
                .filter(item -> item.get("ActivityState").s().equals("Active"))
                .map(item -> item.get(TableDefinition.LIST_KEY).s())
                .collect(Collectors.toSet());
    }

    private static List<Map<String, AttributeValue>> memberships(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> item.get(TableDefinition.SK).s().equals("MEMBERSHIP"))
                .toList();
    }

    // ---- getAll shapes ----

    /** Every getAll filter, each with answers among the originals, and the chain listing in both orders. */
    private Map<String, ObjectNode> shapes() {
        Map<String, ObjectNode> shapes = new LinkedHashMap<>();
        shapes.put("listing", props());
        shapes.put(
                "listing in update order",
                window("UpdatedUtc", FIRST.minus(Duration.ofDays(1)), NOW.plusSeconds(3600)));
        shapes.put("deleted", with("ActivityStates", "Deleted"));
        shapes.put("accounts", with("AccountIds", ACCOUNTS.get(7), ACCOUNTS.get(42), ACCOUNTS.get(399)));
        shapes.put("program", with("LoyaltyProgramIds", PROGRAMS.get(1)));
        shapes.put("states", with("MembershipStates", "Canceled", "Declined"));
        shapes.put("numbers", with("MembershipNumbers", "N-0", "N-2", "N-1000", "N-2998", "N-1"));
        shapes.put("provider Ids", with("ProviderMembershipIds", "P-3", "P-30", "P-2997", "P-4"));
        shapes.put(
                "created window", window("CreatedUtc", FIRST.plus(Duration.ofDays(3)), FIRST.plus(Duration.ofDays(6))));
        shapes.put(
                "updated window",
                window("UpdatedUtc", FIRST.plus(Duration.ofDays(10)), FIRST.plus(Duration.ofDays(12))));
        ObjectNode deletedOfProgram = window("UpdatedUtc", FIRST, NOW.plusSeconds(3600));
        deletedOfProgram.set("ActivityStates", array("Deleted"));
        deletedOfProgram.set("LoyaltyProgramIds", array(PROGRAMS.get(2)));
        shapes.put("deleted of a program in update order", deletedOfProgram);
        shapes.put(
                "Ids",
                with(
                        "LoyaltyMembershipIds",
                        originals.stream()
                                .filter(m -> m.version() == 2)
                                .limit(300)
                                .map(Membership::id)
                                .toArray()));
        return shapes;
    }

    private static ObjectNode with(String name, Object... values) {
        ObjectNode properties = props();
        properties.set(name, array(values));
        return properties;
    }

    private static ObjectNode window(String name, Instant start, Instant end) {
        ObjectNode properties = props();
        properties.set(
                name,
                TestApi.JSON
                        .createObjectNode()
                        .put("StartUtc", start.toString())
                        .put("EndUtc", end.toString()));
        return properties;
    }

    private static Map<String, List<JsonNode>> answers(TestApi api, Map<String, ObjectNode> shapes) {
        Map<String, List<JsonNode>> answers = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> answers.put(name, walk(api, shape)));
        return answers;
    }

    /** Every page of a getAll, in order, each asserted 200, following the Cursor. */
    private static List<JsonNode> walk(TestApi api, ObjectNode shape) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        while (true) {
            ObjectNode properties = shape.deepCopy();
            ObjectNode limitation = limitation(PAGE);
            if (cursor != null) {
                limitation.put("Cursor", cursor);
            }
            properties.set("Limitation", limitation);
            JsonNode page = api.getAll(CHAIN_C_ACCESS_TOKEN, properties).memberships();
            page.forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
            cursor = page.get(page.size() - 1).get("Id").asText();
        }
    }

    private static Set<String> idsOf(List<JsonNode> answer) {
        return answer.stream().map(m -> m.get("Id").asText()).collect(Collectors.toSet());
    }

    private static List<JsonNode> without(List<JsonNode> answer, Set<String> ids) {
        return answer.stream().filter(m -> !ids.contains(m.get("Id").asText())).toList();
    }

    private static List<UUID> randomIds(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }

    // ---- the service's traffic while the keys move ----

    /**
     * Two more instances of the service on the table: one lists the chain over and over, asserting that every answer is
     * 200 and that every active original is in each listing; one adds a membership and updates an original (its
     * points) by turns.
     */
    private final class Traffic {

        final AtomicInteger listings = new AtomicInteger();
        /**
         * Memberships a listing did not find while the keys moved: none. A page reads its 32 partitions with one Query
         * each, so a membership that moves from shard 0 to its shard after the Query of its new partition and before
         * that of shard 0 is in neither answer; a page that met a membership still in shard 0 reads the other shards
         * again over its range (MembershipSearch), which finds it. Without that, 500 and more were missed here.
         */
        final AtomicInteger missed = new AtomicInteger();

        final Set<String> added = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> updated = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final List<Future<?>> running = new ArrayList<>();

        Traffic(TestApi api) {
            List<String> activeIds = originals.stream()
                    .filter(m -> m.activityState() == ActivityState.ACTIVE)
                    .map(m -> m.id().toString())
                    .toList();
            Set<String> active = Set.copyOf(activeIds);
            TestApi reader = api.anotherInstance();
            running.add(threads.submit(() -> {
                while (!stop.get()) {
                    Set<String> listed = idsOf(walk(reader, props()));
                    Set<String> missing = new HashSet<>(active);
                    missing.removeAll(listed);
                    missed.addAndGet(missing.size());
                    listings.incrementAndGet();
                }
                return null;
            }));
            TestApi writer = api.anotherInstance();
            running.add(threads.submit(() -> {
                // 40 writes: each is a transaction, which moto makes slow on a table this size (ENGINES.md).
                for (int turn = 0; !stop.get() && turn < 40; turn++) {
                    if (turn % 2 == 0) {
                        added.add(writer.add(
                                        CHAIN_C_ACCESS_TOKEN, CHAIN_C, item(UUID.randomUUID(), PROGRAMS.get(0), false))
                                .get(0)
                                .get("Id")
                                .asText());
                    } else {
                        String id = activeIds.get(turn * 97 % activeIds.size());
                        ObjectNode update = body(CHAIN_C_ACCESS_TOKEN);
                        update.putArray("LoyaltyMembershipUpdates")
                                .addObject()
                                .put("LoyaltyMembershipId", id)
                                .set("Points", wrapped(100_000 + turn));
                        assertEquals(200, writer.post("update", update).status());
                        updated.put(id, 100_000 + turn);
                    }
                    Thread.sleep(500);
                }
                return null;
            }));
        }

        /** Waits until {@code count} more listings are read whole (or a thread failed). */
        void awaitListingsFromNow(int count) throws Exception {
            int target = listings.get() + 1 + count; // the listing under way began before now
            while (listings.get() < target) {
                for (Future<?> thread : running) {
                    if (thread.isDone()) {
                        thread.get();
                    }
                }
                Thread.sleep(50);
            }
        }

        /** Stops both threads (and fails if one failed): before the engine stops, whatever happened. */
        void stop() throws Exception {
            stop.set(true);
            threads.shutdown();
            threads.awaitTermination(2, TimeUnit.MINUTES);
            for (Future<?> thread : running) {
                thread.get();
            }
            assertTrue(listings.get() >= 2, "listed during the move: " + listings.get());
            assertTrue(updated.size() >= 2 && added.size() >= 2, "wrote during the move");
        }

        /** What the writer did, read back: each update's points, each added membership listed. */
        void checkWrites(TestApi api) {
            JsonNode read = api.getAll(
                            CHAIN_C_ACCESS_TOKEN,
                            with("LoyaltyMembershipIds", updated.keySet().toArray()))
                    .memberships();
            Map<String, Integer> points = new LinkedHashMap<>();
            read.forEach(m -> points.put(m.get("Id").asText(), m.get("Points").asInt()));
            assertEquals(updated, points);
            ObjectNode ofProgram = with("LoyaltyProgramIds", PROGRAMS.get(0));
            ofProgram.set(
                    "CreatedUtc",
                    TestApi.JSON
                            .createObjectNode()
                            .put("StartUtc", NOW.minusSeconds(60).toString())
                            .put("EndUtc", Instant.now().plusSeconds(60).toString()));
            assertEquals(added, idsOf(walk(api, ofProgram)));
        }
    }
}
