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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** SPEC §8: concurrent updates of one membership never lose a field written by another request. */
@ExtendWith(DynamoDbEngineExtension.class)
class LostUpdateTest {

    private static ObjectNode change(String id, String field, Object value) {
        return (ObjectNode) TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", id).set(field, wrapped(value));
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
            String id = api.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false)).get(0).get("Id").asText();
            // Just before the points update writes, another request changes the URL of the same membership.
            interleave.runBefore(TransactWriteItemsRequest.class,
                    () -> assertEquals(200, update(api, change(id, "Url", "https://other.example.com/")).status()));
            JsonNode answered = update(api, change(id, "Points", 7)).memberships().get(0);
            assertEquals(7, answered.get("Points").asInt());
            assertEquals("https://other.example.com/", answered.get("Url").asText(), "the other request's field survived");
            assertEquals(answered, stored(api, id));
        }
    }

    @Test
    void manyWritersOfDifferentFieldsAllKeepTheirLastWrite(DynamoDbClient dynamoDb) throws Exception {
        TestApi api = TestApi.create(dynamoDb);
        String id = api.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false)).get(0).get("Id").asText();
        List<String> fields = List.of("Points", "MembershipNumber", "Url", "ProviderMembershipId");
        ExecutorService pool = Executors.newFixedThreadPool(fields.size());
        try {
            List<Callable<Object>> writers = new ArrayList<>();
            for (String field : fields) {
                writers.add(() -> {
                    Object last = null;
                    for (int round = 0; round < 8; round++) {
                        Object value = field.equals("Points") ? (Object) round
                                : field.equals("Url") ? "https://example.com/" + round : field + "-" + round;
                        Response response = update(api, change(id, field, value));
                        if (response.status() == 200) {
                            last = value;
                        } else {
                            assertEquals(409, response.status(), response.body());
                        }
                    }
                    return last;
                });
            }
            List<Future<Object>> results = pool.invokeAll(writers);
            JsonNode finalState = stored(api, id);
            for (int i = 0; i < fields.size(); i++) {
                Object last = results.get(i).get();
                assertEquals(String.valueOf(last), finalState.get(fields.get(i)).asText(), fields.get(i) + " keeps its last successful write");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
