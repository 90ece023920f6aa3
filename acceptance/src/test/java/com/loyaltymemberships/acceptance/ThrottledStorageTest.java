package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.WriteRecovery;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.logging.RequestLog;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Issue 13, "throttling is an answer, not a conflict": when DynamoDB throttles (a capacity error, a transaction cancelled
 * for capacity, a batch it keeps leaving unprocessed, or what the SDK calls throttling once its own retries are spent)
 * the client gets {@code 503} with {@code Retry-After} and "The service is busy. Retry after N seconds.", never a 409 or
 * a 500; the store is left as it was (or, past a large write's point of no return, as asked, once recovery has run);
 * and the request's log line counts it in the Throttled metric. Throttling is injected with the SDK's own exception
 * types, on the real engine.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class ThrottledStorageTest {

    /** More memberships than one transaction takes: a journaled write (holds, point of no return, transactions). */
    private static final int LARGE = 120;

    private static final List<Class<? extends SdkRequest>> CALLS = List.of(
            UpdateItemRequest.class,
            GetItemRequest.class,
            BatchGetItemRequest.class,
            QueryRequest.class,
            PutItemRequest.class,
            DeleteItemRequest.class,
            BatchWriteItemRequest.class,
            TransactWriteItemsRequest.class);
    private static final String BUSY = "The service is busy. Retry after ";

    /**
     * A request on a fixture of {@code size} memberships of one account (the first its primary), and what a 200 must have
     * done. {@code key} is an Idempotency-Key to send it with.
     */
    private record Scenario(
            String name,
            String operation,
            int size,
            Optional<String> key,
            Function<List<String>, ObjectNode> request,
            AsAsked asAsked) {

        Response send(Fixture fixture) {
            ObjectNode body = request.apply(fixture.existing());
            return key.map(k -> fixture.api().post(operation, k, body))
                    .orElseGet(() -> fixture.api().post(operation, body));
        }
    }

    private interface AsAsked {
        void check(TestApi api, List<String> existing, Response answer);
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario(
                    "getAll, a listing",
                    "getAll",
                    3,
                    Optional.empty(),
                    existing -> {
                        ObjectNode getAll = body(CHAIN_A_ACCESS_TOKEN);
                        getAll.set("Limitation", limitation(100));
                        return getAll;
                    },
                    (api, existing, answer) ->
                            assertEquals(existing.size(), answer.memberships().size())),
            new Scenario(
                    "getAll by Ids",
                    "getAll",
                    3,
                    Optional.empty(),
                    existing -> {
                        ObjectNode getAll = body(CHAIN_A_ACCESS_TOKEN);
                        getAll.set("LoyaltyMembershipIds", array(existing.toArray()));
                        getAll.set("Limitation", limitation(100));
                        return getAll;
                    },
                    (api, existing, answer) ->
                            assertEquals(existing.size(), answer.memberships().size())),
            new Scenario(
                    "add of a primary in place of the account's",
                    "add",
                    3,
                    Optional.empty(),
                    existing -> {
                        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
                        add.set("LoyaltyMemberships", array(item(Fixture.ACCOUNT, UUID.randomUUID(), true)));
                        return add;
                    },
                    (api, existing, answer) -> {
                        JsonNode all = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).memberships();
                        assertEquals(existing.size() + 1, all.size());
                        assertEquals(1, TestApi.primaryCount(all));
                    }),
            new Scenario(
                    "update making another primary",
                    "update",
                    3,
                    Optional.empty(),
                    existing -> updateOf(existing.subList(2, 3), true),
                    (api, existing, answer) -> assertPrimary(api, existing.get(2))),
            new Scenario(
                    "update with an Idempotency-Key",
                    "update",
                    3,
                    Optional.of("throttled-key"),
                    existing -> updateOf(existing.subList(2, 3), true),
                    (api, existing, answer) -> assertPrimary(api, existing.get(2))),
            new Scenario(
                    "delete of the primary",
                    "delete",
                    3,
                    Optional.empty(),
                    existing -> {
                        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
                        delete.set("LoyaltyMembershipIds", array(existing.get(0)));
                        return delete;
                    },
                    (api, existing, answer) -> assertEquals(
                            existing.size() - 1,
                            api.getAll(CHAIN_A_ACCESS_TOKEN, props())
                                    .memberships()
                                    .size())),
            new Scenario(
                    "add of " + LARGE + ", a new primary among them (journaled)",
                    "add",
                    3,
                    Optional.empty(),
                    existing -> {
                        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
                        ArrayNode items = add.putArray("LoyaltyMemberships");
                        for (int i = 0; i < LARGE; i++) {
                            items.add(item(Fixture.ACCOUNT, UUID.randomUUID(), i == LARGE - 1));
                        }
                        return add;
                    },
                    (api, existing, answer) -> {
                        JsonNode all = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).memberships();
                        assertEquals(existing.size() + LARGE, all.size());
                        assertEquals(1, TestApi.primaryCount(all));
                    }),
            new Scenario(
                    "update of " + LARGE + ", moving the primary (journaled)",
                    "update",
                    LARGE,
                    Optional.empty(),
                    existing -> updateOf(existing, false),
                    (api, existing, answer) -> {
                        assertPrimary(api, existing.get(LARGE - 1));
                        api.getAll(CHAIN_A_ACCESS_TOKEN, props())
                                .memberships()
                                .forEach(m -> assertEquals(-1, m.get("Points").asInt(), m.toString()));
                    }));

    /** An update of {@code ids}: Points -1, and the last one primary (or, with {@code onlyPrimary}, just that). */
    private static ObjectNode updateOf(List<String> ids, boolean onlyPrimary) {
        ObjectNode update = body(CHAIN_A_ACCESS_TOKEN);
        ArrayNode items = update.putArray("LoyaltyMembershipUpdates");
        for (int i = 0; i < ids.size(); i++) {
            ObjectNode change = TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", ids.get(i));
            if (!onlyPrimary) {
                change.set("Points", wrapped(-1));
            }
            change.set("IsPrimary", wrapped(i == ids.size() - 1));
            items.add(change);
        }
        return update;
    }

    private static void assertPrimary(TestApi api, String id) {
        JsonNode all = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).memberships();
        assertEquals(1, TestApi.primaryCount(all));
        all.forEach(m ->
                assertEquals(m.get("Id").asText().equals(id), m.get("IsPrimary").asBoolean(), m.toString()));
    }

    // ---- every call of every scenario, throttled once ---------------------------------------------

    /**
     * Every DynamoDB call each scenario makes is throttled in turn, once, before it reaches the engine (a kind of
     * throttling per call, in rotation). The answer is 503 busy with the store exactly as before, there and then (a
     * large write that gives up releases its holds and deletes its journal), or, when the throttled step was retried
     * (a transaction past the point of no return, the journal's deletion), 200 with the request done as asked.
     */
    @TestFactory
    Stream<DynamicTest> everyCallThrottledOnceAnswersBusyAndLeavesTheStoreAsItWas(DynamoDbEngine engine) {
        List<DynamicTest> tests = new ArrayList<>();
        int rotation = 0;
        for (Scenario scenario : SCENARIOS) {
            CallCounter counter = new CallCounter();
            try (DynamoDbClient client = engine.newClient(counter)) {
                Fixture fixture = Fixture.create(client, scenario.size());
                counter.reset();
                Response clean = scenario.send(fixture);
                assertEquals(200, clean.status(), clean.body());
                for (Class<? extends SdkRequest> call : CALLS) {
                    List<Throttle> kinds =
                            call == TransactWriteItemsRequest.class ? Throttle.TRANSACTION : Throttle.ANY_CALL;
                    for (int n = 1; n <= counter.count(call); n++) {
                        int nth = n;
                        Throttle kind = kinds.get(rotation++ % kinds.size());
                        tests.add(DynamicTest.dynamicTest(
                                scenario.name() + ": " + call.getSimpleName().replace("Request", "") + " #" + n
                                        + " throttled (" + kind + ")",
                                () -> throttleOnce(engine, scenario, call, nth, kind)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void throttleOnce(
            DynamoDbEngine engine, Scenario scenario, Class<? extends SdkRequest> call, int n, Throttle kind) {
        FaultInjector faults = new FaultInjector();
        try (CapturedOutput out = new CapturedOutput();
                DynamoDbClient client = engine.newClient(faults)) {
            Fixture fixture = Fixture.create(client, scenario.size());
            StoreSnapshot before = StoreSnapshot.of(fixture.api());
            faults.fail(call, n, kind.exception());
            Response answer = scenario.send(fixture);
            faults.reset();
            JsonNode line = requestLine(out.text(), scenario.operation());
            if (answer.status() == 200) {
                assertEquals(
                        0, line.get(RequestLog.THROTTLED).asInt(), "a request that succeeded is not counted: " + line);
                fixture.recoverLater();
                StoreSnapshot after = StoreSnapshot.of(fixture.api());
                assertFalse(
                        after.mentions("Lock=") || after.mentions("JOURNAL"), "no hold or journal is left: " + after);
                scenario.asAsked().check(fixture.api(), fixture.existing(), answer);
            } else {
                assertBusy(answer, 2);
                before.assertUnchanged(StoreSnapshot.of(fixture.api()), "a throttled " + scenario.operation());
                assertCounted(line, out.text(), answer);
                fixture.recoverLater();
                before.assertUnchanged(
                        StoreSnapshot.of(fixture.api()), "recovery after a throttled " + scenario.operation());
            }
        }
    }

    // ---- throttling that lasts ----------------------------------------------------------------

    /**
     * A large write whose transactions stay throttled from its point of no return on (every attempt, its own retries
     * included): it stops, answers 503 busy with a Retry-After past its lease, and recovery finishes it; a retry with its
     * Idempotency-Key then gets its answer.
     */
    @Test
    void aLargeWriteThrottledPastItsPointOfNoReturnIsBusyThenFinished(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        try (CapturedOutput out = new CapturedOutput();
                DynamoDbClient client = engine.newClient(faults)) {
            Fixture fixture = Fixture.create(client, LARGE);
            ObjectNode update = updateOf(fixture.existing(), false);
            // The head is marked APPLYING with an UpdateItem (the second: the first is the token's): from then on every
            // transaction is throttled, the last part's among them (it keeps the answer).
            faults.runBefore(
                    UpdateItemRequest.class,
                    2,
                    () -> faults.failFrom(
                            TransactWriteItemsRequest.class, 1, Throttle.CANCELLED_THROTTLING_ERROR.exception()));
            Response answer = fixture.api().post("update", "past-the-point", update);
            faults.reset();
            long retryAfter = assertBusy(answer, -1);
            assertTrue(
                    retryAfter > 2,
                    "retry once the write's lease has ended, when recovery has finished it: " + retryAfter);
            assertCounted(requestLine(out.text(), "update"), out.text(), answer);

            fixture.recoverLater();
            StoreSnapshot after = StoreSnapshot.of(fixture.api());
            assertFalse(after.mentions("Lock=") || after.mentions("JOURNAL"), "no hold or journal is left: " + after);
            SCENARIOS.get(SCENARIOS.size() - 1).asAsked().check(fixture.api(), fixture.existing(), answer);
            Response retry = fixture.api().post("update", "past-the-point", update);
            assertEquals(200, retry.status(), retry.body());
            assertEquals("true", retry.header("Idempotent-Replayed").orElseThrow());
        }
    }

    /**
     * A large write throttled at its holds, and its release throttled too: the answer is 503 busy; the items it held stay
     * held until its lease ends, and then recovery releases them: the store is as before.
     */
    @Test
    void aLargeWriteThrottledBeforeItsPointOfNoReturnChangesNothing(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        try (DynamoDbClient client = engine.newClient(faults)) {
            Fixture fixture = Fixture.create(client, LARGE);
            StoreSnapshot before = StoreSnapshot.of(fixture.api());
            // The first transaction holds; the second hold and every release after it are throttled.
            faults.failFrom(TransactWriteItemsRequest.class, 2, Throttle.PROVISIONED_THROUGHPUT_EXCEEDED.exception());
            Response answer = fixture.api().post("update", updateOf(fixture.existing(), false));
            faults.reset();
            assertBusy(answer, 2);
            fixture.recoverLater();
            before.assertUnchanged(
                    StoreSnapshot.of(fixture.api()),
                    "a large update throttled before its point of no return, once recovered");
        }
    }

    /** Every kind of DynamoDB throttling, at the first call of every request (authentication) and at a write's transaction. */
    @Test
    void everyKindOfThrottlingIsBusy(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        try (CapturedOutput out = new CapturedOutput();
                DynamoDbClient client = engine.newClient(faults)) {
            Fixture fixture = Fixture.create(client, 3);
            StoreSnapshot before = StoreSnapshot.of(fixture.api());
            Scenario add = SCENARIOS.get(2);
            for (Throttle kind : Throttle.values()) {
                Class<? extends SdkRequest> call =
                        kind.transactionOnly() ? TransactWriteItemsRequest.class : UpdateItemRequest.class;
                faults.fail(call, 1, kind.exception());
                Response answer = add.send(fixture);
                faults.reset();
                assertBusy(answer, 2);
                assertCounted(requestLine(out.text(), "add"), out.text(), answer);
                before.assertUnchanged(StoreSnapshot.of(fixture.api()), kind + " at " + call.getSimpleName());
            }
        }
    }

    /** For contrast: the data changing under every attempt stays a conflict, 409, not counted as throttling. */
    @Test
    void aRealConflictIsStill409(DynamoDbEngine engine) {
        for (String reason : List.of("ConditionalCheckFailed", "TransactionConflict")) {
            FaultInjector faults = new FaultInjector();
            try (CapturedOutput out = new CapturedOutput();
                    DynamoDbClient client = engine.newClient(faults)) {
                Fixture fixture = Fixture.create(client, 3);
                StoreSnapshot before = StoreSnapshot.of(fixture.api());
                faults.failFrom(
                        TransactWriteItemsRequest.class,
                        1,
                        n -> TransactionCanceledException.builder()
                                .message(
                                        "Transaction cancelled, please refer cancellation reasons for specific reasons ["
                                                + reason + "]")
                                .statusCode(400)
                                .awsErrorDetails(AwsErrorDetails.builder()
                                        .errorCode("TransactionCanceledException")
                                        .serviceName("DynamoDb")
                                        .build())
                                .cancellationReasons(CancellationReason.builder()
                                        .code(reason)
                                        .build())
                                .build());
                Response answer = SCENARIOS.get(3).send(fixture);
                faults.reset();
                answer.assertError(409, "The data changed while the request was processed.");
                assertEquals(
                        0,
                        requestLine(out.text(), "update")
                                .get(RequestLog.THROTTLED)
                                .asInt());
                before.assertUnchanged(StoreSnapshot.of(fixture.api()), "a conflict");
            }
        }
    }

    /** A batch that DynamoDB keeps leaving unprocessed (what it does over capacity, instead of failing the call) is busy too. */
    @Test
    void keysLeftUnprocessedAttemptAfterAttemptAreBusy(DynamoDbEngine engine) {
        ExecutionInterceptor unprocessed = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchGetItemRequest request
                        && context.response() instanceof BatchGetItemResponse) {
                    return BatchGetItemResponse.builder()
                            .responses(java.util.Map.of())
                            .unprocessedKeys(request.requestItems())
                            .build();
                }
                return context.response();
            }
        };
        try (CapturedOutput out = new CapturedOutput();
                DynamoDbClient client = engine.newClient(unprocessed);
                DynamoDbClient direct = engine.newClient()) {
            Fixture fixture = Fixture.create(direct, 3);
            Response answer = fixture.api()
                    .withClient(client)
                    .post("getAll", SCENARIOS.get(1).request().apply(fixture.existing()));
            assertBusy(answer, 2);
            assertCounted(requestLine(out.text(), "getAll"), out.text(), answer);
        }
    }

    /**
     * The service's own client (DynamoDbClients) retries a throttled call as the SDK does, with a bounded backoff: a
     * throttle that passes within its retries is absorbed (200); one that lasts ends as DynamoDB's throttling error, which
     * the SDK itself classifies as throttling, well inside the call timeout, and is answered busy.
     */
    @Test
    void whatTheSdkStillCallsThrottlingAfterItsRetriesIsBusy(DynamoDbEngine engine) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger throttledAttempts = new AtomicInteger();
        ExecutionInterceptor throttler = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest
                        && attempts.incrementAndGet() <= throttledAttempts.get()) {
                    throw ProvisionedThroughputExceededException.builder()
                            .message("The level of configured provisioned throughput for the table was exceeded.")
                            .statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("ProvisionedThroughputExceededException")
                                    .serviceName("DynamoDb")
                                    .build())
                            .build();
                }
            }
        };
        try (CapturedOutput out = new CapturedOutput();
                DynamoDbClient client = DynamoDbClients.create(
                        "us-east-1", Optional.of(engine.endpoint()), List.of(engine.limits(), throttler));
                DynamoDbClient direct = engine.newClient()) {
            TestApi api = Fixture.create(direct, 3).api().withClient(client);
            ObjectNode getAll = SCENARIOS.get(0).request().apply(List.of());
            // This instance's first request learns where the token's rate state is (a fresh instance may guess it
            // wrong and update twice: docs/DECISIONS.md, "Rate limit window"); the attempts below are then one call's.
            assertEquals(200, api.post("getAll", getAll).status());
            attempts.set(0);

            throttledAttempts.set(2);
            assertEquals(200, api.post("getAll", getAll).status(), "two throttled attempts, then the third passes");
            assertEquals(3, attempts.get());

            attempts.set(0);
            throttledAttempts.set(Integer.MAX_VALUE);
            long started = System.nanoTime();
            Response answer = api.post("getAll", getAll);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertBusy(answer, 2);
            assertEquals(4, attempts.get(), "the SDK tried four times");
            assertTrue(
                    took.compareTo(DynamoDbClients.CALL_TIMEOUT) < 0, "and gave up before the call timeout: " + took);
            assertCounted(requestLine(out.text(), "getAll"), out.text(), answer);
        }
    }

    // ---- the answer and the log ---------------------------------------------------------------

    /** Asserts 503 "The service is busy. Retry after N seconds." with Retry-After N ({@code expected}, or any when -1); returns N. */
    private static long assertBusy(Response answer, long expected) {
        answer.assertError(503, BUSY);
        long retryAfter = Long.parseLong(answer.header("Retry-After").orElseThrow());
        assertEquals(
                BUSY + retryAfter + " seconds.", answer.json().get("Message").asText());
        if (expected != -1) {
            assertEquals(expected, retryAfter, answer.body());
        }
        assertFalse(
                answer.body().contains("Exception") || answer.body().contains("Throughput"),
                "no internal detail: " + answer.body());
        return retryAfter;
    }

    /**
     * The request's log line counts it: Throttled 1, under the operation, in CloudWatch Embedded Metric Format; and a line
     * says what DynamoDB throttled.
     */
    private static void assertCounted(JsonNode line, String log, Response answer) {
        assertEquals(503, line.get("status").asInt());
        assertEquals(
                answer.header("Request-Id").orElseThrow(), line.get("requestId").asText());
        assertEquals(1, line.get(RequestLog.THROTTLED).asInt(), line.toString());
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(RequestLog.NAMESPACE, directive.get("Namespace").asText());
        assertEquals(
                "[[\"" + RequestLog.OPERATION + "\"]]",
                directive.get("Dimensions").toString());
        assertTrue(
                directive.get("Metrics").toString().contains("{\"Name\":\"Throttled\",\"Unit\":\"Count\"}"),
                directive.toString());
        JsonNode why = lines(log).stream()
                .filter(l -> l.path("message").asText().equals("storage throttled")
                        && l.path("requestId")
                                .asText()
                                .equals(line.get("requestId").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'storage throttled' line for " + line));
        assertFalse(why.get("reasons").isEmpty(), why.toString());
    }

    /** The last request line of {@code operation} in the captured log. */
    private static JsonNode requestLine(String log, String operation) {
        List<JsonNode> requests = lines(log).stream()
                .filter(l -> l.path("message").asText().equals("request")
                        && l.path("operation").asText().equals(operation))
                .toList();
        assertFalse(requests.isEmpty(), "no request line of " + operation + " in:\n" + log);
        return requests.get(requests.size() - 1);
    }

    private static List<JsonNode> lines(String log) {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : log.lines().filter(l -> l.startsWith("{")).toList()) {
            try {
                lines.add(TestApi.JSON.readTree(text));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /**
     * A fresh table with {@code size} memberships of one account in chain A, the first of them primary; the rate limit
     * as deployed, so that every request authenticates with an UpdateItem.
     */
    private record Fixture(TestApi api, List<String> existing) {

        static final UUID ACCOUNT = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5");

        static Fixture create(DynamoDbClient client, int size) {
            TestApi api = TestApi.create(client);
            ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
            ArrayNode items = add.putArray("LoyaltyMemberships");
            for (int i = 0; i < size; i++) {
                items.add(item(ACCOUNT, UUID.randomUUID(), i == 0).put("Points", i + 1));
            }
            List<String> existing =
                    new ArrayList<>(TestApi.ids(api.post("add", add).memberships()));
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
