package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_B;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** SPEC §8: at most one primary membership per account and chain among active memberships. */
@ExtendWith(DynamoDbEngineExtension.class)
class PrimaryMembershipTest {

    private TestApi api;
    private final UUID account = UUID.randomUUID();

    @BeforeEach
    void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
    }

    private String add(UUID chain, boolean primary) {
        return api.add(PORTFOLIO_ACCESS_TOKEN, chain, item(account, UUID.randomUUID(), primary))
                .get(0)
                .get("Id")
                .asText();
    }

    /** The Ids of the account's primary memberships in a chain (at most one, if the rule holds). */
    private List<String> primaries(UUID chain) {
        List<String> primaries = new ArrayList<>();
        api.getAll(PORTFOLIO_ACCESS_TOKEN, accountIn(chain)).memberships().forEach(m -> {
            if (m.get("IsPrimary").asBoolean()) {
                primaries.add(m.get("Id").asText());
            }
        });
        return primaries;
    }

    private Response update(UUID chain, ObjectNode... items) {
        ObjectNode body = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", chain.toString());
        body.set("LoyaltyMembershipUpdates", array((Object[]) items));
        return api.post("update", body);
    }

    private static ObjectNode setPrimary(String id, boolean primary) {
        return (ObjectNode)
                TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", id).set("IsPrimary", wrapped(primary));
    }

    @Test
    void addingAPrimaryDemotesThePreviousOneAsAnUpdate() throws InterruptedException {
        String first = add(CHAIN_A, true);
        Thread.sleep(5);
        Instant before = Instant.now();
        String second = add(CHAIN_A, true);
        assertEquals(List.of(second), primaries(CHAIN_A));

        ObjectNode updatedSince = props();
        updatedSince.set(
                "UpdatedUtc",
                TestApi.JSON
                        .createObjectNode()
                        .put("StartUtc", before.toString())
                        .put("EndUtc", Instant.now().plusSeconds(1).toString()));
        List<String> updated =
                ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, updatedSince).memberships());
        assertEquals(
                List.of(second, first).stream().sorted().toList(),
                updated.stream().sorted().toList(),
                "the demoted membership counts as updated");
    }

    @Test
    void primariesArePerChain() {
        String inA = add(CHAIN_A, true);
        String inB = add(CHAIN_B, true);
        assertEquals(List.of(inA), primaries(CHAIN_A));
        assertEquals(List.of(inB), primaries(CHAIN_B));
    }

    @Test
    void nonPrimaryAddsLeaveThePrimaryAlone() {
        String primary = add(CHAIN_A, true);
        add(CHAIN_A, false);
        assertEquals(List.of(primary), primaries(CHAIN_A));
    }

    @Test
    void twoPrimariesOfOneAccountInOneRequestAreRejected() {
        String existing = add(CHAIN_A, true);
        ObjectNode body = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        body.set(
                "LoyaltyMemberships",
                array(
                        item(account, UUID.randomUUID(), true),
                        item(UUID.randomUUID(), UUID.randomUUID(), true),
                        item(account, UUID.randomUUID(), true)));
        api.post("add", body).assertError(400, "Invalid IsPrimary at LoyaltyMemberships[2].IsPrimary");
        assertEquals(List.of(existing), primaries(CHAIN_A));

        String other = add(CHAIN_A, false);
        update(CHAIN_A, setPrimary(other, true), setPrimary(existing, true))
                .assertError(400, "Invalid IsPrimary at LoyaltyMembershipUpdates[1].IsPrimary");
        assertEquals(List.of(existing), primaries(CHAIN_A));
    }

    @Test
    void updatingToPrimaryDemotesThePreviousOne() {
        String first = add(CHAIN_A, true);
        String second = add(CHAIN_A, false);
        JsonNode answered = update(CHAIN_A, setPrimary(second, true)).memberships();
        assertEquals(true, answered.get(0).get("IsPrimary").asBoolean());
        assertEquals(List.of(second), primaries(CHAIN_A));

        // The demoted one may be in the same request: it is answered non-primary.
        ObjectNode points = (ObjectNode) TestApi.JSON
                .createObjectNode()
                .put("LoyaltyMembershipId", second)
                .set("Points", wrapped(5));
        JsonNode both = update(CHAIN_A, points, setPrimary(first, true)).memberships();
        assertEquals(false, both.get(0).get("IsPrimary").asBoolean());
        assertEquals(5, both.get(0).get("Points").asInt());
        assertEquals(List.of(first), primaries(CHAIN_A));
    }

    @Test
    void removingOrDeletingThePrimaryLeavesNone() {
        String primary = add(CHAIN_A, true);
        update(CHAIN_A, setPrimary(primary, false));
        assertEquals(List.of(), primaries(CHAIN_A));
        update(CHAIN_A, setPrimary(primary, true));
        assertEquals(List.of(primary), primaries(CHAIN_A));

        ObjectNode delete = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        delete.set("LoyaltyMembershipIds", array(primary));
        assertEquals(200, api.post("delete", delete).status());
        assertEquals(List.of(), primaries(CHAIN_A));
        String next = add(CHAIN_A, true);
        assertEquals(List.of(next), primaries(CHAIN_A), "a deleted primary is not demoted again");
    }

    /**
     * Two requests make a primary for the same account at once: the second reads the pointer, then the
     * first one writes before it, so the second's conditional write fails and it retries on the new state.
     * (The interleaving is forced: moto runs concurrent transactions without isolation, so real threads
     * would test moto, not us. ConcurrencyOnLocalStackTest runs them with threads on LocalStack.)
     */
    @Test
    void aPrimaryThatLosesTheRaceIsRetriedOnTheNewPrimary(DynamoDbEngine engine) {
        FaultInjector interleave = new FaultInjector();
        try (DynamoDbClient client = engine.newClient(interleave)) {
            api = TestApi.create(client);
            String first = add(CHAIN_A, true);
            String[] winner = new String[1];
            interleave.runBefore(TransactWriteItemsRequest.class, () -> winner[0] = add(CHAIN_A, true));
            String retried = add(CHAIN_A, true);
            assertEquals(List.of(retried), primaries(CHAIN_A), "the retried request demoted the one that won the race");
            assertEquals(
                    3,
                    ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, accountIn(CHAIN_A)).memberships())
                            .size());
            assertEquals(3, Set.of(first, winner[0], retried).size());
        }
    }

    /**
     * A new primary of an account that has none is a claim (the account's pointer, leased) and then the membership,
     * two PutItems. Here the membership's PutItem is held back, as if its writer died between the two: nothing is
     * visible, the account's primary cannot change while the claim's lease runs (the membership may still land), and
     * after it the next writer fences the claimed Id with a tombstone, clears the claim and goes on. The claimer's
     * PutItem, sent late, then fails: there is never a second primary.
     */
    @Test
    void aClaimWhoseMembershipNeverLandsIsFencedAndClearedAfterItsLease(DynamoDbEngine engine) {
        HeldBackPut heldBack = new HeldBackPut();
        TestClock clock = new TestClock(Instant.now());
        try (DynamoDbClient client = engine.newClient(heldBack);
                DynamoDbClient plain = engine.newClient()) {
            api = TestApi.create(client).withClock(clock);
            heldBack.arm();
            assertEquals(500, api.post("add", addOf(CHAIN_A, true)).status());
            String claimed = heldBack.id();
            assertEquals(List.of(), primaries(CHAIN_A));
            assertEquals(List.of(), byId(claimed), "the claimed membership does not exist");

            assertEquals(409, api.post("add", addOf(CHAIN_A, true)).status(), "the claim may still land");
            String nonPrimary = add(CHAIN_A, false);
            assertEquals(List.of(), primaries(CHAIN_A), "a non-primary write does not wait for the claim");

            clock.advance(Duration.ofMinutes(1));
            String next = add(CHAIN_A, true);
            assertEquals(List.of(next), primaries(CHAIN_A));
            assertThrows(ConditionalCheckFailedException.class, () -> heldBack.sendLate(plain));
            assertEquals(List.of(next), primaries(CHAIN_A), "the late membership was fenced out");
            assertEquals(List.of(), byId(claimed), "the tombstone reads as no membership");
            Map<String, AttributeValue> tombstone = plain.getItem(r -> r.tableName(api.tableName)
                            .consistentRead(true)
                            .key(Map.of(
                                    "PK", AttributeValue.fromS("MEMBERSHIP#" + claimed),
                                    "SK", AttributeValue.fromS("MEMBERSHIP"))))
                    .item();
            assertEquals(Set.of("PK", "SK", "ExpiresAt"), tombstone.keySet(), "a tombstone with a TTL: " + tombstone);
            assertEquals(
                    Set.of(nonPrimary, next),
                    Set.copyOf(ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, accountIn(CHAIN_A))
                            .memberships())));
        }
    }

    /** The claimer's membership lands late, within its claim's lease: it is then an ordinary primary, demoted as any. */
    @Test
    void aClaimWhoseMembershipLandsLateIsAnOrdinaryPrimary(DynamoDbEngine engine) {
        HeldBackPut heldBack = new HeldBackPut();
        try (DynamoDbClient client = engine.newClient(heldBack);
                DynamoDbClient plain = engine.newClient()) {
            api = TestApi.create(client);
            heldBack.arm();
            assertEquals(500, api.post("add", addOf(CHAIN_A, true)).status());
            assertEquals(409, api.post("add", addOf(CHAIN_A, true)).status(), "the claim may still land");
            heldBack.sendLate(plain);
            assertEquals(List.of(heldBack.id()), primaries(CHAIN_A));
            String next = add(CHAIN_A, true);
            assertEquals(List.of(next), primaries(CHAIN_A), "the late primary was demoted");
        }
    }

    private ObjectNode addOf(UUID chain, boolean primary) {
        ObjectNode body = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", chain.toString());
        body.set("LoyaltyMemberships", array(item(account, UUID.randomUUID(), primary)));
        return body;
    }

    private List<String> byId(String id) {
        ObjectNode properties = props();
        properties.set("LoyaltyMembershipIds", array(id));
        return ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, properties).memberships());
    }

    /**
     * Holds back the next PutItem of a membership, as a writer that stops after its claim does: the call fails before it
     * is sent; {@link #sendLate} sends it as it was, later.
     */
    private static final class HeldBackPut implements ExecutionInterceptor {
        private volatile boolean armed;
        private volatile PutItemRequest held;

        void arm() {
            armed = true;
        }

        String id() {
            return held.item().get("Id").s();
        }

        void sendLate(DynamoDbClient client) {
            client.putItem(held);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (armed
                    && context.request() instanceof PutItemRequest put
                    && put.item().get("PK").s().startsWith("MEMBERSHIP#")) {
                armed = false;
                held = put;
                throw SdkClientException.create("held back");
            }
        }
    }

    private ObjectNode accountIn(UUID chain) {
        ObjectNode properties = props();
        properties.set("AccountIds", array(account));
        properties.set("ChainIds", array(chain));
        return properties;
    }
}
