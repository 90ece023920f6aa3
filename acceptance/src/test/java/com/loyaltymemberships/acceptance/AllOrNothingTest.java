package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.acceptance.FaultInjector.When;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.WriteRecovery;
import com.loyaltymemberships.logging.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * SPEC §8: a request is written whole or not at all, whatever storage does. Every DynamoDB call a write makes fails in
 * turn, once before it reaches the engine and once after the engine applied it (the answer lost). Each time, once
 * recovery has run, the store is exactly as before (and the request failed) or exactly as asked (and the request
 * succeeded): no half-written request, no hold or journal left behind, and an answer that tells which. 120 memberships
 * take two transactions; two take one; one alone is a conditional PutItem.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class AllOrNothingTest {

    private static final int LARGE = 120;
    private static final List<Class<? extends SdkRequest>> CALLS = List.of(
            BatchGetItemRequest.class,
            GetItemRequest.class,
            QueryRequest.class,
            BatchWriteItemRequest.class,
            PutItemRequest.class,
            TransactWriteItemsRequest.class);

    /** A write request on {@link #LARGE} existing memberships (the first of them its account's primary), and what it asks for. */
    private record Scenario(
            String name,
            String operation,
            Function<List<String>, ObjectNode> request,
            BiConsumer<TestApi, List<String>> asAsked) {}

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario(
                    "add of two transactions, a new primary among them",
                    "add",
                    existing -> {
                        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
                        ArrayNode items = add.putArray("LoyaltyMemberships");
                        for (int i = 0; i < LARGE; i++) {
                            items.add(item(UUID.randomUUID(), UUID.randomUUID(), i == 0)
                                    .put("Points", 5000 + i));
                        }
                        return add;
                    },
                    (api, existing) -> assertEquals(
                            2 * LARGE,
                            api.getAll(CHAIN_A_ACCESS_TOKEN, TestApi.props())
                                    .memberships()
                                    .size())),
            new Scenario(
                    "add of one transaction",
                    "add",
                    existing -> {
                        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
                        add.set(
                                "LoyaltyMemberships",
                                array(
                                        item(UUID.randomUUID(), UUID.randomUUID(), true),
                                        item(UUID.randomUUID(), UUID.randomUUID(), false)));
                        return add;
                    },
                    (api, existing) -> assertEquals(
                            LARGE + 2,
                            api.getAll(CHAIN_A_ACCESS_TOKEN, TestApi.props())
                                    .memberships()
                                    .size())),
            new Scenario(
                    "update of one membership alone (a conditional PutItem)",
                    "update",
                    existing -> {
                        ObjectNode update = body(CHAIN_A_ACCESS_TOKEN);
                        ObjectNode change = TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", existing.get(1));
                        change.set("Points", wrapped(-7));
                        update.set("LoyaltyMembershipUpdates", array(change));
                        return update;
                    },
                    (api, existing) -> {
                        ObjectNode byId = TestApi.props();
                        byId.set("LoyaltyMembershipIds", array(existing.get(1)));
                        assertEquals(
                                -7,
                                api.getAll(CHAIN_A_ACCESS_TOKEN, byId)
                                        .memberships()
                                        .get(0)
                                        .get("Points")
                                        .asInt());
                    }),
            new Scenario(
                    "update of two transactions, moving the primary",
                    "update",
                    existing -> {
                        ObjectNode update = body(CHAIN_A_ACCESS_TOKEN);
                        ArrayNode items = update.putArray("LoyaltyMembershipUpdates");
                        for (int i = 0; i < LARGE; i++) {
                            ObjectNode change =
                                    TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", existing.get(i));
                            change.set("Points", wrapped(-i));
                            change.set("IsPrimary", wrapped(i == LARGE - 1));
                            items.add(change);
                        }
                        return update;
                    },
                    (api, existing) -> api.getAll(CHAIN_A_ACCESS_TOKEN, TestApi.props())
                            .memberships()
                            .forEach(m -> assertTrue(m.get("Points").asInt() <= 0, m.toString()))),
            new Scenario(
                    "delete of two transactions, the primary among them",
                    "delete",
                    existing -> {
                        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
                        delete.set("LoyaltyMembershipIds", array(existing.toArray()));
                        return delete;
                    },
                    (api, existing) -> assertEquals(
                            0,
                            api.getAll(CHAIN_A_ACCESS_TOKEN, TestApi.props())
                                    .memberships()
                                    .size())));

    @TestFactory
    Stream<DynamicTest> everyCallFailingOnceLeavesTheStoreWholeAndTheAnswerTrue(DynamoDbEngine engine) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            CallCounter counter = new CallCounter();
            try (DynamoDbClient client = engine.newClient(counter)) {
                Fixture fixture = Fixture.create(client);
                counter.reset();
                Response clean = fixture.api.post(
                        scenario.operation(), scenario.request().apply(fixture.existing));
                assertEquals(200, clean.status(), clean.body());
                for (Class<? extends SdkRequest> call : CALLS) {
                    for (int n : nths(call, counter.count(call))) {
                        for (When when : When.values()) {
                            int nth = n;
                            tests.add(DynamicTest.dynamicTest(
                                    scenario.name() + ": "
                                            + call.getSimpleName().replace("Request", "") + " #" + n + " fails "
                                            + when.name().toLowerCase(),
                                    () -> failOnce(engine, scenario, call, nth, when)));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    /**
     * Which calls of a kind fail: each one, but of the PutItems, which apply the journal's parts of memberships ~100 at a
     * time, alike and side by side in no fixed order, the first, the middle and the last (each one would be ~600 cases
     * more, and 20 minutes).
     */
    private static List<Integer> nths(Class<? extends SdkRequest> call, int count) {
        if (call != PutItemRequest.class || count <= 3) {
            return IntStream.rangeClosed(1, count).boxed().toList();
        }
        return List.of(1, (count + 1) / 2, count);
    }

    private static void failOnce(
            DynamoDbEngine engine, Scenario scenario, Class<? extends SdkRequest> call, int n, When when) {
        FaultInjector faults = new FaultInjector();
        try (DynamoDbClient client = engine.newClient(faults)) {
            Fixture fixture = Fixture.create(client);
            StoreSnapshot before = StoreSnapshot.of(client, fixture.api.tableName);
            faults.fail(call, n, when);
            Response response =
                    fixture.api.post(scenario.operation(), scenario.request().apply(fixture.existing));
            faults.reset();
            fixture.recoverLater();
            StoreSnapshot after = StoreSnapshot.of(client, fixture.api.tableName);
            assertFalse(after.mentions("Lock=") || after.mentions("JOURNAL"), "no hold or journal is left: " + after);
            if (response.status() == 200) {
                scenario.asAsked().accept(fixture.api, fixture.existing);
            } else {
                assertTrue(
                        Set.of(409, 500, 503).contains(response.status()), response.status() + " " + response.body());
                assertFalse(response.body().contains("Exception"), "no internal detail: " + response.body());
                assertEquals(before, after, "a request that failed left the store exactly as before");
            }
        }
    }

    /** A fresh table with {@link #LARGE} memberships in chain A, the first its account's primary. */
    private record Fixture(TestApi api, List<String> existing) {

        static Fixture create(DynamoDbClient client) {
            TestApi api = TestApi.create(client, 0, 30);
            ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
            ArrayNode items = add.putArray("LoyaltyMemberships");
            for (int i = 0; i < LARGE; i++) {
                items.add(item(UUID.randomUUID(), UUID.randomUUID(), i == 0).put("Points", i + 1));
            }
            List<String> existing = new ArrayList<>();
            for (JsonNode m : api.post("add", add).memberships()) {
                existing.add(m.get("Id").asText());
            }
            return new Fixture(api, existing);
        }

        /** What the scheduled recovery does once every lease has ended. */
        void recoverLater() {
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
            new WriteRecovery(
                            new DynamoDbTables(api.dynamoDb, api.tableName),
                            later,
                            new JsonLog(TestApi.JSON.getFactory(), System.out, later))
                    .recoverAbandoned();
        }
    }
}
