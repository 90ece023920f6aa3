package com.loyaltymemberships.devkit;

import static com.loyaltymemberships.devkit.TestTables.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The moto engine isolates concurrent transactions as DynamoDB does; real threads race, nothing is forced. Plain
 * moto_server, which runs requests concurrently without isolation, failed both tests in each of eight runs tried.
 */
class MotoIsolationTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 10;
    private static final int READERS = 3;
    private static final int VERSIONS = 40;

    private static DynamoDbEngine engine;
    private static DynamoDbClient dynamo;
    private static ExecutorService threads;

    @BeforeAll
    static void startMoto() {
        engine = DynamoDbEngine.startMoto();
        dynamo = engine.newClient();
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopMoto() {
        threads.shutdownNow();
        dynamo.close();
        engine.close();
    }

    @Test
    void ofConcurrentTransactionsClaimingOneItemExactlyOneCommitsAndOnlyItsWritesRemain() throws Exception {
        String table = TestTables.create(dynamo, "claim");
        // Other items, as any real table has. moto copies the whole table before each transaction, for a rollback;
        // that copy makes plain moto's transactions overlap, and restoring it drops what others committed meanwhile.
        fill(table, 500);
        List<String> broken = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String claim = "claim-" + round;
            // The barrier sends the eight transactions at once, so that they reach the engine together.
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<Boolean>> outcomes = IntStream.range(0, THREADS)
                    .mapToObj(thread -> threads.submit(() -> {
                        start.await();
                        return claim(table, claim, thread);
                    }))
                    .toList();
            List<Integer> committed = new ArrayList<>();
            List<Integer> written = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                if (outcomes.get(thread).get(10, TimeUnit.SECONDS)) {
                    committed.add(thread);
                }
                if (!get(table, key(claim, "thread-" + thread)).isEmpty()) {
                    written.add(thread);
                }
            }
            Map<String, AttributeValue> owner = get(table, key(claim, "owner"));
            // Exactly one, not at most one: the engine serializes, so the first transaction it runs finds no owner.
            if (committed.size() != 1
                    || !committed.equals(written)
                    || !owner.equals(ownerItem(claim, committed.get(0)))) {
                broken.add("round " + round + ": committed " + committed + ", thread items of " + written + ", owner "
                        + owner);
            }
        }
        assertEquals(List.of(), broken, broken.size() + " of " + ROUNDS + " rounds broke isolation on " + engine);
    }

    /** Claims the owner item if nobody has, together with a thread-specific item; false if the claim was taken. */
    private static boolean claim(String table, String claim, int thread) {
        try {
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(table)
                                    .item(ownerItem(claim, thread))
                                    .conditionExpression("attribute_not_exists(PK)")
                                    .build())
                            .build(),
                    TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(table)
                                    .item(key(claim, "thread-" + thread))
                                    .build())
                            .build()));
            return true;
        } catch (TransactionCanceledException taken) {
            return false;
        }
    }

    /** Writes items in batches of 25, the most a BatchWriteItem may hold. */
    private static void fill(String table, int items) {
        for (int first = 0; first < items; first += 25) {
            List<WriteRequest> batch = IntStream.range(first, Math.min(first + 25, items))
                    .mapToObj(i -> WriteRequest.builder()
                            .putRequest(put -> put.item(key("other", "item-" + i)))
                            .build())
                    .toList();
            dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, batch)));
        }
    }

    private static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true))
                .item();
    }

    private static Map<String, AttributeValue> ownerItem(String claim, int thread) {
        Map<String, AttributeValue> item = new HashMap<>(key(claim, "owner"));
        item.put("thread", AttributeValue.fromN(Integer.toString(thread)));
        return item;
    }

    @Test
    void readersNeverSeeAHalfAppliedTransaction() throws Exception {
        String table = TestTables.create(dynamo, "pairs");
        // Ten items rather than two widen the window in which plain moto shows some written and some not.
        List<Map<String, AttributeValue>> keys = IntStream.range(0, 10)
                .mapToObj(i -> key("versioned", "item-" + i))
                .toList();
        write(table, keys, 0);
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<?> writer = threads.submit(() -> {
            try {
                for (int version = 1; version <= VERSIONS; version++) {
                    write(table, keys, version);
                }
            } finally {
                writing.set(false);
            }
        });
        List<Future<List<String>>> readers = IntStream.range(0, READERS)
                .mapToObj(reader -> threads.submit(() -> {
                    List<String> mixed = new ArrayList<>();
                    while (writing.get()) {
                        List<String> versions = read(table, keys);
                        if (versions.stream().distinct().count() != 1) {
                            mixed.add(versions.toString());
                        }
                    }
                    return mixed;
                }))
                .toList();

        writer.get(30, TimeUnit.SECONDS);
        List<String> mixed = new ArrayList<>();
        for (Future<List<String>> reader : readers) {
            mixed.addAll(reader.get(10, TimeUnit.SECONDS));
        }
        assertEquals(
                List.of(),
                mixed,
                mixed.size() + " reads saw a half-applied transaction, among " + VERSIONS + " transactions on "
                        + engine);
    }

    /** One transaction that moves every item from the previous version to this one, as an optimistic writer does. */
    private static void write(String table, List<Map<String, AttributeValue>> keys, int version) {
        dynamo.transactWriteItems(request -> request.transactItems(keys.stream()
                .map(key -> {
                    Map<String, AttributeValue> item = new HashMap<>(key);
                    item.put("v", AttributeValue.fromN(Integer.toString(version)));
                    return TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(table)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(PK) OR v = :previous")
                                    .expressionAttributeValues(
                                            Map.of(":previous", AttributeValue.fromN(Integer.toString(version - 1))))
                                    .build())
                            .build();
                })
                .toList()));
    }

    /** The versions of the items, read in one transaction. */
    private static List<String> read(String table, List<Map<String, AttributeValue>> keys) {
        return dynamo
                .transactGetItems(request -> request.transactItems(keys.stream()
                        .map(key -> TransactGetItem.builder()
                                .get(Get.builder().tableName(table).key(key).build())
                                .build())
                        .toList()))
                .responses()
                .stream()
                .map(ItemResponse::item)
                .map(item -> item.containsKey("v") ? item.get("v").n() : "missing")
                .toList();
    }
}
