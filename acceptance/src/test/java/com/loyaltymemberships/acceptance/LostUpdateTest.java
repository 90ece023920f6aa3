package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * SPEC §8: concurrent updates of one membership never lose a field written by another request. The race
 * is forced at the exact point (between reading and writing), because moto runs concurrent transactions
 * without isolation; ConcurrencyOnLocalStackTest races real threads on LocalStack.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class LostUpdateTest {

    private static ObjectNode change(String id, String field, Object value) {
        return (ObjectNode)
                TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", id).set(field, wrapped(value));
    }

    private static Response update(TestApi api, ObjectNode change) {
        ObjectNode body = body(CHAIN_A_ACCESS_TOKEN);
        body.set("LoyaltyMembershipUpdates", array(change));
        return api.post("update", body);
    }

    private static JsonNode stored(TestApi api, String id) {
        ObjectNode byId = props();
        byId.set("LoyaltyMembershipIds", array(id));
        return api.getAll(CHAIN_A_ACCESS_TOKEN, byId).memberships().get(0);
    }

    @Test
    void anUpdateThatLosesTheRaceIsReappliedOnTheNewVersion(DynamoDbEngine engine) {
        FaultInjector interleave = new FaultInjector();
        try (DynamoDbClient client = engine.newClient(interleave)) {
            TestApi api = TestApi.create(client);
            String id = api.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false))
                    .get(0)
                    .get("Id")
                    .asText();
            // Just before the points update writes (one membership alone: a conditional PutItem), another request
            // changes the URL of the same membership.
            interleave.runBefore(
                    PutItemRequest.class,
                    () -> assertEquals(
                            200,
                            update(api, change(id, "Url", "https://other.example.com/"))
                                    .status()));
            JsonNode answered =
                    update(api, change(id, "Points", 7)).memberships().get(0);
            assertEquals(7, answered.get("Points").asInt());
            assertEquals(
                    "https://other.example.com/", answered.get("Url").asText(), "the other request's field survived");
            assertEquals(answered, stored(api, id));
        }
    }
}
