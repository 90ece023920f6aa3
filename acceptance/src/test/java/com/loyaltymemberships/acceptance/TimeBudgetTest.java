package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.local.LocalContext;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Issue 8, bounded time: a request that runs out of time answers 503 with Retry-After and leaves the store whole; it
 * stops between two storage steps, never in one, so that Lambda never has to kill it. Time here is a {@link TestClock}
 * that the engine moves on every call ({@link FaultInjector#slowDown}): slow storage without waiting for it.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class TimeBudgetTest {

    private static final int LARGE = 120;

    private static Response post(TestApi api, String operation, ObjectNode body, int remainingMillis) {
        return api.send(
                "POST",
                Operation.BASE_PATH + operation,
                Map.of("content-type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8),
                remainingMillis);
    }

    private static long retryAfter(Response response) {
        return Long.parseLong(response.header("Retry-After").orElseThrow());
    }

    /** An update of {@code ids}, making each one not primary and setting its Points. */
    private static ObjectNode update(List<String> ids, int points) {
        ObjectNode update = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        ArrayNode updates = update.putArray("LoyaltyMembershipUpdates");
        ids.forEach(id -> updates.add(TestApi.JSON
                .createObjectNode()
                .put("LoyaltyMembershipId", id)
                .<ObjectNode>set("IsPrimary", wrapped(false))
                .set("Points", wrapped(points))));
        return update;
    }

    private static List<String> addLarge(TestApi api) {
        UUID account = UUID.randomUUID();
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            items.add(item(account, UUID.randomUUID(), i == 0));
        }
        return api.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, items.toArray(ObjectNode[]::new)).stream()
                .map(m -> m.get("Id").asText())
                .toList();
    }

    @Test
    void aRequestWithTooLittleTimeLeftIs503AndChangesNothing(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        String id = api.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), true))
                .get(0)
                .get("Id")
                .asText();
        StoreSnapshot before = StoreSnapshot.of(dynamoDb, api.tableName);
        ObjectNode add = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        add.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        ObjectNode delete = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        delete.set("LoyaltyMembershipIds", array(id));
        ObjectNode getAll = body(PORTFOLIO_ACCESS_TOKEN);
        getAll.set("Limitation", TestApi.limitation(10));
        // In this order: each runs once with its full time, and the delete must come last.
        List<Map.Entry<String, ObjectNode>> requests = List.of(
                Map.entry("getAll", getAll),
                Map.entry("add", add),
                Map.entry("update", update(List.of(id), 7)),
                Map.entry("delete", delete));
        for (Map.Entry<String, ObjectNode> request : requests) {
            Response late = post(api, request.getKey(), request.getValue(), 5_000);
            late.assertError(503, "The request could not finish in time.");
            assertEquals(1, retryAfter(late), "nothing is running: retry at once");
            assertEquals(before, StoreSnapshot.of(dynamoDb, api.tableName), request.getKey() + " changed nothing");
            assertEquals(
                    200,
                    post(api, request.getKey(), request.getValue(), LocalContext.FUNCTION_TIMEOUT_MILLIS)
                            .status(),
                    request.getKey() + " runs with its full time");
            before = StoreSnapshot.of(dynamoDb, api.tableName);
        }
    }

    /**
     * A large update (a journaled write: holds, then a point of no return, then its transactions) on storage that takes
     * a second per call, for every amount of time left from too little to enough: each answer is a 200 with the update
     * applied, or a 503 with nothing changed and no item left held. None passes its point of no return without the time
     * to finish.
     */
    @Test
    void aLargeWriteOnSlowStorageFinishesOrChangesNothing(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        CallCounter calls = new CallCounter();
        TestClock clock = new TestClock(Instant.now());
        try (DynamoDbClient client = engine.newClient(faults, calls);
                DynamoDbClient direct = engine.newClient()) {
            TestApi api = TestApi.create(client).withClock(clock);
            TestApi setup = api.withClient(direct);
            boolean gaveUpHolding = false;
            boolean finished = false;
            for (int seconds = 12; seconds <= 30; seconds++) {
                List<String> ids = addLarge(setup);
                StoreSnapshot before = StoreSnapshot.of(direct, api.tableName);
                calls.reset();
                faults.slowDown(clock, Duration.ofSeconds(1));
                Response answer = post(api, "update", update(ids, seconds), seconds * 1000);
                faults.reset();
                if (answer.status() == 200) {
                    finished = true;
                    assertEquals(LARGE, answer.memberships().size());
                    for (JsonNode m : answer.memberships()) {
                        assertEquals(seconds, m.get("Points").asInt());
                    }
                } else {
                    answer.assertError(503, "The request could not finish in time.");
                    assertEquals(1, retryAfter(answer), "nothing of it runs on");
                    assertEquals(
                            before,
                            StoreSnapshot.of(direct, api.tableName),
                            seconds + " s: nothing changed, nothing held");
                    gaveUpHolding |= calls.count(TransactWriteItemsRequest.class) > 0;
                }
            }
            assertTrue(gaveUpHolding, "some run gave up after it held items, before its point of no return");
            assertTrue(finished, "and with enough time it finishes");
        }
    }

    /**
     * Storage that slows down past the point of no return: the write stops between two transactions, answers 503 with a
     * Retry-After past its lease, and recovery finishes it: the store ends exactly as after.
     */
    @Test
    void aWriteSlowedPastItsPointOfNoReturnStopsCleanlyAndIsFinished(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        TestClock clock = new TestClock(Instant.now());
        try (DynamoDbClient client = engine.newClient(faults);
                DynamoDbClient direct = engine.newClient()) {
            TestApi api = TestApi.create(client).withClock(clock);
            List<String> ids = addLarge(api.withClient(direct));
            // The first PutItem is a journal part's first membership put, past the point of no return: from then on
            // every call takes 20 s.
            faults.runBefore(PutItemRequest.class, () -> faults.slowDown(clock, Duration.ofSeconds(20)));
            Response answer = post(api, "update", update(ids, 42), LocalContext.FUNCTION_TIMEOUT_MILLIS);
            faults.reset();
            answer.assertError(503, "The request could not finish in time.");
            assertTrue(retryAfter(answer) >= 1, "retry once its lease has ended: recovery finishes it then");

            clock.advance(Duration.ofMinutes(5));
            assertEquals(
                    1, LoyaltyApi.create(api.settings, direct, clock).recovery().recoverAbandoned());
            ObjectNode byId = props();
            byId.set("LoyaltyMembershipIds", array(ids.toArray()));
            api.getAll(PORTFOLIO_ACCESS_TOKEN, byId)
                    .memberships()
                    .forEach(m -> assertEquals(42, m.get("Points").asInt()));
        }
    }

    /** Storage that never answers: the client's timeouts (2 s an attempt, 5 s a call) end the call, and the answer is 503. */
    @Test
    void aHungEngineIsA503WithinTheCallTimeout(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        try (DynamoDbClient client = DynamoDbClients.create(
                        "us-east-1", Optional.of(engine.endpoint()), List.of(engine.limits(), faults));
                DynamoDbClient direct = engine.newClient()) {
            TestApi api = TestApi.create(direct).withClient(client);
            StoreSnapshot before = StoreSnapshot.of(direct, api.tableName);
            ObjectNode add = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
            add.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
            faults.hang(PutItemRequest.class); // one membership alone: one conditional PutItem
            long started = System.nanoTime();
            Response answer = api.post("add", add);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            faults.reset();
            answer.assertError(503, "The request could not finish in time.");
            assertTrue(
                    took.compareTo(DynamoDbClients.CALL_TIMEOUT.plusSeconds(3)) < 0,
                    "ended by the call timeout: " + took);
            assertEquals(before, StoreSnapshot.of(direct, api.tableName));
            assertFalse(DynamoDbClients.CALL_TIMEOUT.compareTo(Duration.ofMillis(LocalContext.FUNCTION_TIMEOUT_MILLIS))
                    >= 0);
        }
    }
}
