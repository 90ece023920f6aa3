package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §7: soft delete, idempotence, unknown Ids. */
@ExtendWith(DynamoDbEngineExtension.class)
class DeleteTest {

    private TestApi api;
    private List<String> ids;

    @BeforeEach
    void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
        ids = api
                .add(
                        CHAIN_A_ACCESS_TOKEN,
                        CHAIN_A,
                        item(UUID.randomUUID(), UUID.randomUUID(), false),
                        item(UUID.randomUUID(), UUID.randomUUID(), false),
                        item(UUID.randomUUID(), UUID.randomUUID(), false))
                .stream()
                .map(m -> m.get("Id").asText())
                .toList();
    }

    private Response delete(String... ids) {
        ObjectNode body = body(CHAIN_A_ACCESS_TOKEN);
        body.set("LoyaltyMembershipIds", array((Object[]) ids));
        return api.post("delete", body);
    }

    private Set<String> listed(String... activityStates) {
        ObjectNode properties = props();
        properties.set("ActivityStates", array((Object[]) activityStates));
        return ids(api.getAll(CHAIN_A_ACCESS_TOKEN, properties).memberships()).stream()
                .collect(Collectors.toSet());
    }

    @Test
    void softDeletesAndAnswersAnEmptyObject() {
        Response response = delete(ids.get(0), ids.get(2).toUpperCase());
        assertEquals(200, response.status());
        assertEquals("{}", response.body());
        assertEquals(Set.of(ids.get(1)), listed("Active"));
        assertEquals(Set.of(ids.get(0), ids.get(2)), listed("Deleted"));
        ObjectNode byId = props();
        byId.set("LoyaltyMembershipIds", array(ids.get(0)));
        byId.set("ActivityStates", array("Deleted"));
        JsonNode kept = api.getAll(CHAIN_A_ACCESS_TOKEN, byId).memberships().get(0);
        assertEquals("Enrolled", kept.get("State").asText(), "a deleted membership keeps its data");
    }

    @Test
    void isIdempotent() {
        assertEquals(200, delete(ids.get(0)).status());
        assertEquals(200, delete(ids.get(0), ids.get(0), ids.get(1)).status());
        assertEquals(Set.of(ids.get(2)), listed("Active"));
    }

    @Test
    void anUnknownIdFailsTheWholeRequest() {
        delete(ids.get(0), UUID.randomUUID().toString(), ids.get(1))
                .assertError(400, "Invalid LoyaltyMembershipIds at LoyaltyMembershipIds[1]");
        assertEquals(Set.copyOf(ids), listed("Active"));
        delete().assertError(400, "Invalid LoyaltyMembershipIds");
        delete("nope").assertError(400, "Invalid LoyaltyMembershipIds at LoyaltyMembershipIds[0]");
    }
}
