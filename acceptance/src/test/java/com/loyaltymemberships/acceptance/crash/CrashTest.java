package com.loyaltymemberships.acceptance.crash;

import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CLIENT_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.local.DemoTokens;
import com.loyaltymemberships.local.HttpApiEvents;
import com.loyaltymemberships.local.Router;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 8, crash-atomic writes: a 1000-item add, update and delete, its function's JVM killed before each of its write
 * calls in turn (and once after the last); of the ~100 PutItems that apply one journal part (issue 13), before the
 * middle one: the part is then half applied, and recovery must finish it. After each kill, recovery runs as the scheduled RecoveryFunction would, once
 * the dead request's lease has ended; the store must then be byte for byte the store before the request or the store
 * after it, as an uninterrupted run of the same request leaves it ({@link CrashingFunction} makes runs repeatable).
 * Which one is fixed by the point of no return: every kill before it gives "before", every kill after it "after".
 *
 * <p>Issue 15: so are the membership change events read from the table's stream: none after "before", and after
 * "after" exactly those of the uninterrupted run, one per membership version (a large write's events come as its
 * transactions apply, whoever applies them; one that recovery rolls back gives none).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class CrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 1000;
    private static final int ACCOUNTS = 10;
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path files;

    private enum Outcome {
        BEFORE,
        AFTER
    }

    @TestFactory
    Stream<DynamicTest> add(DynamoDbEngine engine) throws Exception {
        // Accounts with a primary already: the request's primaries demote them.
        return crashEverywhere(engine, "add", base -> {
            List<UUID> accounts = accounts();
            seed(base, accounts, 1);
            return addBody(accounts, ITEMS);
        });
    }

    @TestFactory
    Stream<DynamicTest> update(DynamoDbEngine engine) throws Exception {
        // Every membership gets new Points, and each account a new primary.
        return crashEverywhere(engine, "update", base -> {
            List<String> ids = seed(base, accounts(), ITEMS / ACCOUNTS);
            ObjectNode update = body();
            ArrayNode updates = update.putArray("LoyaltyMembershipUpdates");
            for (int i = 0; i < ids.size(); i++) {
                ObjectNode change = updates.addObject().put("LoyaltyMembershipId", ids.get(i));
                // Seeded with Points i (addBody): i + 1 is a change (one that is none gives no change event).
                change.putObject("Points").put("Value", i + 1);
                if (i >= ACCOUNTS && i < 2 * ACCOUNTS) { // one of each account's memberships, not its primary
                    change.putObject("IsPrimary").put("Value", true);
                }
            }
            return update;
        });
    }

    @TestFactory
    Stream<DynamicTest> delete(DynamoDbEngine engine) throws Exception {
        return crashEverywhere(engine, "delete", base -> {
            List<String> ids = seed(base, accounts(), ITEMS / ACCOUNTS);
            ObjectNode delete = body();
            ArrayNode toDelete = delete.putArray("LoyaltyMembershipIds");
            ids.forEach(toDelete::add);
            return delete;
        });
    }

    private interface Setup {
        /** Fills the base table and returns the request to crash. */
        ObjectNode request(Base base) throws IOException;
    }

    /** The store every run starts from. */
    private record Base(DynamoDbClient dynamoDb, String table) {}

    /**
     * One dynamic test per kill point: the first runs the request whole to learn its write calls and the store after it;
     * each of the others kills it at one write call, recovers and compares.
     */
    private Stream<DynamicTest> crashEverywhere(DynamoDbEngine engine, String operation, Setup setup) throws Exception {
        DynamoDbClient dynamoDb = engine.newClient();
        Base base = new Base(dynamoDb, TableNames.unique("crash-" + operation));
        TableDefinition.createIfMissing(dynamoDb, base.table);
        DemoTokens.seed(new TokenRepository(new DynamoDbTables(dynamoDb, base.table)), CrashingFunction.NOW);
        Path request = files.resolve(operation + ".json");
        Files.writeString(request, setup.request(base).toString());
        List<Map<String, AttributeValue>> baseItems = scan(dynamoDb, base.table);
        String before = snapshot(baseItems);

        Run whole = run(engine, operation, request, baseItems, 0, "before");
        assertEquals(0, whole.exitCode, "the uninterrupted run answers: " + whole.log);
        String after = whole.store;
        assertNotEquals(before, after, "the request changes the store: " + whole.log);
        assertTrue(whole.events.size() >= ITEMS, "an event per membership changed: " + whole.events.size());

        List<DynamicTest> tests = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<Integer> killPoints = killPoints(whole.calls);
        for (int call : killPoints) {
            int dieAt = call;
            tests.add(DynamicTest.dynamicTest(
                    operation + " killed before write call " + call + " of " + whole.writes()
                            + (whole.calls.charAt(call - 1) == CrashingFunction.MEMBERSHIP_PUT
                                    ? ", amid a part's puts"
                                    : ""),
                    () -> outcomes.add(
                            crashAndRecover(engine, operation, request, baseItems, dieAt, "before", before, whole))));
        }
        tests.add(DynamicTest.dynamicTest(
                operation + " killed after its last write call",
                () -> assertEquals(
                        Outcome.AFTER,
                        crashAndRecover(
                                engine, operation, request, baseItems, whole.writes(), "after", before, whole))));
        tests.add(DynamicTest.dynamicTest(
                operation + ": kills before the point of no return undo, after it finish", () -> {
                    assertEquals(killPoints.size(), outcomes.size());
                    assertTrue(
                            whole.calls.indexOf(CrashingFunction.MEMBERSHIP_PUT) >= 0,
                            "some parts are applied by puts: " + whole.calls);
                    int firstAfter = outcomes.indexOf(Outcome.AFTER);
                    assertTrue(firstAfter > 0, "the first calls change nothing durable: " + outcomes);
                    assertTrue(
                            outcomes.subList(firstAfter, outcomes.size()).stream()
                                    .allMatch(Outcome.AFTER::equals),
                            "once past its point of no return, a write is always finished: " + outcomes);
                    dynamoDb.deleteTable(r -> r.tableName(base.table));
                    dynamoDb.close();
                }));
        return tests.stream();
    }

    private static Outcome crashAndRecover(
            DynamoDbEngine engine,
            String operation,
            Path request,
            List<Map<String, AttributeValue>> baseItems,
            int dieAt,
            String when,
            String before,
            Run whole)
            throws Exception {
        Run killed = run(engine, operation, request, baseItems, dieAt, when);
        assertEquals(CrashingFunction.KILLED, killed.exitCode, "the JVM died at write call " + dieAt);
        if (killed.store.equals(before)) {
            assertEquals(Set.of(), killed.events, "a write rolled back gives no event");
            return Outcome.BEFORE;
        }
        assertEquals(whole.store, killed.store, "after recovery the store is exactly as before or exactly as after");
        assertEquals(whole.events, killed.events, "a write finished by recovery gives the events of a whole run");
        return Outcome.AFTER;
    }

    /**
     * A run of the function: how it ended, the write calls it made (a letter each, {@link CrashingFunction}), the store
     * after recovery, the change events of what it and the recovery wrote (detail-type and EventId), and what it
     * printed.
     */
    private record Run(int exitCode, String calls, String store, Set<String> events, String log) {
        int writes() {
            return calls.length();
        }
    }

    /**
     * The write calls to die before: every one but a part's puts, and of each run of puts the middle one. Dying before
     * each of the ~1000 puts would take hours, and tells nothing more: the puts of a part are alike, and sent ~32 at a
     * time in no fixed order.
     */
    static List<Integer> killPoints(String calls) {
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < calls.length(); i++) {
            if (calls.charAt(i) == CrashingFunction.MEMBERSHIP_PUT) {
                int end = i;
                while (end < calls.length() && calls.charAt(end) == CrashingFunction.MEMBERSHIP_PUT) {
                    end++;
                }
                points.add((i + end) / 2 + 1);
                i = end - 1;
            } else {
                points.add(i + 1);
            }
        }
        return points;
    }

    private static Run run(
            DynamoDbEngine engine,
            String operation,
            Path request,
            List<Map<String, AttributeValue>> baseItems,
            int dieAt,
            String when)
            throws Exception {
        try (DynamoDbClient dynamoDb = engine.newClient()) {
            String table = TableNames.unique("crash-run");
            TableDefinition.createIfMissing(dynamoDb, table);
            copy(dynamoDb, baseItems, table);
            ChangeEvents events = new ChangeEvents(engine, dynamoDb, table);
            events.read(); // the copy's
            Path writes = Files.createTempFile(files, "writes", ".txt");
            // A short run: the C1 compiler alone starts it fastest.
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            CrashingFunction.class.getName(),
                            engine.endpoint().toString(),
                            table,
                            operation,
                            request.toString(),
                            Integer.toString(dieAt),
                            when,
                            writes.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(files.resolve("child.log").toFile())
                    .start();
            assertTrue(
                    child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "the function ran within " + CHILD_TIMEOUT);
            // The scheduled recovery, after the dead request's lease (its deadline) has ended.
            Clock later = Clock.fixed(CrashingFunction.NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
            LoyaltyApi.create(Settings.fromEnvironment().withTableName(table), dynamoDb, later)
                    .recovery()
                    .recoverAbandoned();
            String store = snapshot(scan(dynamoDb, table));
            Set<String> changes = events.read();
            String written = Files.readString(writes);
            dynamoDb.deleteTable(r -> r.tableName(table));
            return new Run(child.exitValue(), written, store, changes, Files.readString(files.resolve("child.log")));
        }
    }

    // ---- the store ----

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.scanPaginator(ScanRequest.builder()
                        .tableName(table)
                        .consistentRead(true)
                        .build())
                .items()
                .forEach(items::add);
        return items;
    }

    /** Every item but the access tokens (whose request logs every request changes), in key order, attributes in name order. */
    private static String snapshot(List<Map<String, AttributeValue>> items) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String key = item.get(TableDefinition.PK).s() + "|"
                    + item.get(TableDefinition.SK).s();
            if (!key.startsWith("ACCESS_TOKEN#")) {
                sorted.put(key, new TreeMap<>(item).toString());
            }
        }
        return String.join("\n", sorted.values());
    }

    private static void copy(DynamoDbClient dynamoDb, List<Map<String, AttributeValue>> items, String table) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item ->
                            WriteRequest.builder().putRequest(p -> p.item(item)).build())
                    .toList();
            Map<String, List<WriteRequest>> unprocessed = Map.of(table, batch);
            while (!unprocessed.isEmpty()) {
                Map<String, List<WriteRequest>> pending = unprocessed;
                unprocessed =
                        dynamoDb.batchWriteItem(r -> r.requestItems(pending)).unprocessedItems();
            }
        }
    }

    // ---- requests ----

    private static List<UUID> accounts() {
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(UUID.randomUUID());
        }
        return accounts;
    }

    private static ObjectNode body() {
        return JSON.createObjectNode()
                .put("ClientToken", CLIENT_TOKEN)
                .put("AccessToken", CHAIN_A_ACCESS_TOKEN)
                .put("Client", "crash test");
    }

    /** {@code count} memberships spread over {@code accounts}, the first of each account primary. */
    private static ObjectNode addBody(List<UUID> accounts, int count) {
        ObjectNode add = body();
        ArrayNode items = add.putArray("LoyaltyMemberships");
        for (int i = 0; i < count; i++) {
            items.addObject()
                    .put("AccountId", accounts.get(i % accounts.size()).toString())
                    .put("LoyaltyProgramId", UUID.randomUUID().toString())
                    .put("IsPrimary", i < accounts.size())
                    .put("MembershipNumber", "M-" + i)
                    .put("Points", i);
        }
        return add;
    }

    /** Adds {@code perAccount} memberships to each account, through the service, and returns their Ids. */
    private static List<String> seed(Base base, List<UUID> accounts, int perAccount) throws IOException {
        LoyaltyApi api = LoyaltyApi.create(
                Settings.fromEnvironment().withTableName(base.table), base.dynamoDb, Clock.systemUTC());
        APIGatewayV2HTTPResponse response = new Router(api)
                .route(HttpApiEvents.event(
                        "POST",
                        "/api/connector/v1/loyaltyMemberships/add",
                        null,
                        Map.of("content-type", "application/json"),
                        addBody(accounts, accounts.size() * perAccount)
                                .toString()
                                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, response.getStatusCode(), response.getBody());
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.getBody())
                .get("LoyaltyMemberships")
                .forEach(m -> ids.add(m.get("Id").asText()));
        return ids;
    }
}
