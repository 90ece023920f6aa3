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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

    private ObjectNode accountIn(UUID chain) {
        ObjectNode properties = props();
        properties.set("AccountIds", array(account));
        properties.set("ChainIds", array(chain));
        return properties;
    }
}
