package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.IdempotencyRepository;
import com.loyaltymemberships.dynamodb.WriteRecovery;
import com.loyaltymemberships.idempotency.Idempotency;
import com.loyaltymemberships.logging.JsonLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** SPEC §11: a write sent with an Idempotency-Key runs at most once per access token and key, and its answer is kept. */
@ExtendWith(DynamoDbEngineExtension.class)
class IdempotencyTest {

    private static ObjectNode addOne(UUID account) {
        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
        add.set("LoyaltyMemberships", array(item(account, UUID.randomUUID(), true)));
        return add;
    }

    private static int membershipsOf(TestApi api, UUID account) {
        ObjectNode byAccount = props();
        byAccount.set("AccountIds", array(account));
        return api.getAll(CHAIN_A_ACCESS_TOKEN, byAccount).memberships().size();
    }

    /** The body as the service keeps it under a key: parsed, and written again in its canonical form. */
    private static byte[] canonical(ObjectNode body) {
        JsonCodec json = new JsonCodec();
        return json.canonical(json.parseObject(body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The same JSON with its top-level properties in reverse order: the same body for SPEC §11. */
    private static String reordered(ObjectNode body) {
        ObjectNode reversed = TestApi.JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.set(names.get(i), body.get(names.get(i)));
        }
        return reversed.toString();
    }

    @Test
    void aRetryGetsTheFirstAnswerAndRunsNothing(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        UUID account = UUID.randomUUID();
        ObjectNode add = addOne(account);
        Response first = api.post("add", "key-1", add);
        assertEquals(200, first.status(), first.body());
        assertFalse(first.header("Idempotent-Replayed").isPresent());

        Response again =
                api.post("add", Map.of("content-type", "application/json", "Idempotency-Key", "key-1"), reordered(add));
        assertEquals(200, again.status());
        assertEquals(first.body(), again.body(), "the same answer, byte for byte");
        assertEquals("true", again.header("Idempotent-Replayed").orElseThrow());
        assertFalse(
                again.header("Request-Id").equals(first.header("Request-Id")), "each request has its own Request-Id");
        assertEquals(1, membershipsOf(api, account), "added once");

        assertEquals(200, api.post("add", add).status(), "without the key, a request runs as before");
        assertEquals(2, membershipsOf(api, account));
    }

    @Test
    void aDeleteRetriedAfterItsAnswerWasLostRunsOnce(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        String id = api.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false))
                .get(0)
                .get("Id")
                .asText();
        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(id));
        Response first = api.post(
                "delete",
                Map.of("content-type", "application/json", "idempotency-key", "d", "prefer", "return=minimal"),
                delete.toString());
        assertEquals(204, first.status());
        Response retry = api.post("delete", "d", delete);
        assertEquals(204, retry.status(), "the answer first given, whatever this retry prefers");
        assertEquals("true", retry.header("Idempotent-Replayed").orElseThrow());
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        UUID account = UUID.randomUUID();
        assertEquals(200, api.post("add", "key-2", addOne(account)).status());
        api.post("add", "key-2", addOne(UUID.randomUUID()))
                .assertError(400, "Invalid Idempotency-Key: it was used for another request");
        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(UUID.randomUUID()));
        api.post("delete", "key-2", delete)
                .assertError(400, "Invalid Idempotency-Key: it was used for another request");
        assertEquals(1, membershipsOf(api, account));
    }

    @Test
    void keysAreCheckedAndKeptAsHashes(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        UUID account = UUID.randomUUID();
        for (String key : List.of("", "x".repeat(256), "caf\u00e9", "tab\tinside")) {
            api.post(
                            "add",
                            Map.of("content-type", "application/json", "idempotency-key", key),
                            addOne(account).toString())
                    .assertError(400, "Invalid Idempotency-Key: 1 to 255 printable ASCII characters are required.");
        }
        assertEquals(0, membershipsOf(api, account));
        String longest = "k".repeat(255);
        assertEquals(200, api.post("add", longest, addOne(account)).status());
        StoreSnapshot stored = StoreSnapshot.of(dynamoDb, api.tableName);
        assertFalse(stored.mentions(longest), "the key is stored only as a hash");
        assertTrue(stored.mentions("ExpiresAt"), "kept answers expire (the table's TTL)");
    }

    @Test
    void keysOfDifferentAccessTokensNeverMeet(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        assertEquals(
                200, api.post("add", "shared-key", addOne(UUID.randomUUID())).status());
        ObjectNode other = body(CHAIN_C_ACCESS_TOKEN);
        other.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        Response answer = api.post("add", "shared-key", other);
        assertEquals(200, answer.status());
        assertFalse(answer.header("Idempotent-Replayed").isPresent(), "another token's key is another key");
    }

    @Test
    void aClientErrorIsKeptAndAServerErrorIsNot(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        try (DynamoDbClient client = engine.newClient(faults)) {
            TestApi api = TestApi.create(client);
            ObjectNode invalid = body(CHAIN_A_ACCESS_TOKEN);
            invalid.set(
                    "LoyaltyMemberships", array(TestApi.JSON.createObjectNode().put("IsPrimary", true)));
            Response refused = api.post("add", "bad", invalid).assertError(400, "Invalid AccountId");
            Response replayed = api.post("add", "bad", invalid);
            assertEquals(400, replayed.status());
            assertEquals(refused.body(), replayed.body(), "a 4xx is kept too");
            assertEquals("true", replayed.header("Idempotent-Replayed").orElseThrow());

            UUID account = UUID.randomUUID();
            faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
            api.post("add", "flaky", addOne(account)).assertError(500, "An unexpected error occurred.");
            faults.reset();
            Response retried = api.post("add", "flaky", addOne(account));
            assertEquals(200, retried.status(), "a 5xx is not kept: the retry runs");
            assertFalse(retried.header("Idempotent-Replayed").isPresent());
            assertEquals(1, membershipsOf(api, account));
        }
    }

    @Test
    void whileTheFirstRunsARetryIsA409AndAfterItsHolderIsGoneItRunsAgain(DynamoDbClient dynamoDb) {
        TestClock clock = new TestClock(Instant.now());
        TestApi api = TestApi.create(dynamoDb).withClock(clock);
        UUID account = UUID.randomUUID();
        ObjectNode add = addOne(account);
        // A first request that claimed the key and then died, before it wrote anything.
        DynamoDbTables tables = new DynamoDbTables(dynamoDb, api.tableName);
        Idempotency idempotency = new Idempotency(
                new IdempotencyRepository(
                        tables,
                        new WriteRecovery(tables, clock, new JsonLog(TestApi.JSON.getFactory(), System.out, clock))),
                clock);
        idempotency.present(
                TokenHash.of(CHAIN_A_ACCESS_TOKEN),
                "dying",
                "add",
                canonical(add),
                clock.instant().plusSeconds(20));

        Response running =
                api.post("add", "dying", add).assertError(409, "A request with this Idempotency-Key is still running.");
        assertEquals(
                "1", running.header("Retry-After").orElseThrow(), "ask again soon: most requests are done in a second");
        clock.advance(Duration.ofSeconds(19));
        api.post("add", "dying", add).assertError(409, "A request with this Idempotency-Key is still running.");
        assertEquals(0, membershipsOf(api, account));

        clock.advance(Duration.ofSeconds(2)); // the holder's lease has ended: it is gone
        Response runs = api.post("add", "dying", add);
        assertEquals(200, runs.status(), runs.body());
        assertFalse(runs.header("Idempotent-Replayed").isPresent(), "nothing was written by the first: this one runs");
        assertEquals(1, membershipsOf(api, account));
    }

    /** A large write cut off past its point of no return is finished by recovery; a retry then gets its answer. */
    @Test
    void aLargeWriteCutOffIsFinishedAndItsRetryGetsItsAnswer(DynamoDbEngine engine) {
        FaultInjector faults = new FaultInjector();
        try (DynamoDbClient client = engine.newClient(faults)) {
            TestClock clock = new TestClock(Instant.now());
            TestApi api = TestApi.create(client, 0, 30).withClock(clock);
            ObjectNode add = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
            ArrayNode items = add.putArray("LoyaltyMemberships");
            UUID account = UUID.randomUUID();
            for (int i = 0; i < 150; i++) {
                items.add(item(i == 0 ? account : UUID.randomUUID(), UUID.randomUUID(), false));
            }
            // Its memberships are put (PartPuts); its one transaction, the last part, which keeps the answer, fails, as
            // if the function died there.
            faults.failFrom(TransactWriteItemsRequest.class, 1);
            api.post("add", "large", add).assertError(503, "The request could not finish in time.");
            faults.reset();

            clock.advance(Duration.ofMinutes(1));
            Response retry = api.post("add", "large", add);
            assertEquals(200, retry.status(), retry.body());
            assertEquals(
                    "true", retry.header("Idempotent-Replayed").orElseThrow(), "recovery finished it, with its answer");
            assertEquals(150, retry.memberships().size());
            assertEquals(
                    150,
                    api.getAll(PORTFOLIO_ACCESS_TOKEN, props()).memberships().size(),
                    "written once, whole");
        }
    }
}
