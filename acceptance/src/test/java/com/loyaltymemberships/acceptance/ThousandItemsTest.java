package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The 1000-item limits of add, update, delete, getAll Ids and Count, in one walk over one table (each
 * such request takes ten transactions, which moto makes slow, so they share the setup).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class ThousandItemsTest {

    @Test
    void addUpdateGetAndDelete1000InOneRequestEach(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        UUID account = UUID.randomUUID();

        ObjectNode add = body(CHAIN_C_ACCESS_TOKEN);
        ArrayNode items = add.putArray("LoyaltyMemberships");
        for (int i = 0; i < 1000; i++) {
            items.add(item(i % 2 == 0 ? account : UUID.randomUUID(), UUID.randomUUID(), i % 3 == 0 && i % 2 != 0)
                    .put("MembershipNumber", "N-" + i));
        }
        Response added = api.post("add", add);
        List<String> ids = ids(added.memberships());
        assertEquals(1000, ids.size());
        assertEquals(
                "N-999", added.memberships().get(999).get("MembershipNumber").asText());
        items.add(item(UUID.randomUUID(), UUID.randomUUID(), false));
        api.post("add", add).assertError(400, "Invalid LoyaltyMemberships: at most 1000 items");

        ObjectNode update = body(CHAIN_C_ACCESS_TOKEN);
        ArrayNode updates = update.putArray("LoyaltyMembershipUpdates");
        for (int i = 0; i < 1000; i++) {
            updates.add(TestApi.JSON
                    .createObjectNode()
                    .put("LoyaltyMembershipId", ids.get(i))
                    .set("Points", wrapped(i)));
        }
        ((ObjectNode) updates.get(998)).set("IsPrimary", wrapped(true));
        // Under an Idempotency-Key: the answer of 1000 memberships is kept (compressed, in one item) and replayed.
        Response first = api.post("update", "thousand", update);
        JsonNode updated = first.memberships();
        assertEquals(1000, updated.size());
        Response replayed = api.post("update", "thousand", update);
        assertEquals(first.body(), replayed.body());
        assertEquals("true", replayed.header("Idempotent-Replayed").orElseThrow());
        assertEquals(999, updated.get(999).get("Points").asInt());
        assertEquals(true, updated.get(998).get("IsPrimary").asBoolean());

        ObjectNode byIds = props();
        byIds.set("LoyaltyMembershipIds", array(ids.toArray()));
        JsonNode all = api.getAll(CHAIN_C_ACCESS_TOKEN, byIds).memberships();
        assertEquals(1000, all.size());
        assertEquals(new HashSet<>(ids), new HashSet<>(ids(all)));
        ObjectNode ofAccount = props();
        ofAccount.set("AccountIds", array(account));
        assertEquals(
                1,
                TestApi.primaryCount(api.getAll(CHAIN_C_ACCESS_TOKEN, ofAccount).memberships()));
        ObjectNode tooMany = props();
        tooMany.set("Limitation", limitation(1001));
        api.getAll(CHAIN_C_ACCESS_TOKEN, tooMany).assertError(400, "Invalid Count");

        ObjectNode delete = body(CHAIN_C_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(ids.toArray()));
        assertEquals(200, api.post("delete", delete).status());
        assertEquals(0, api.getAll(CHAIN_C_ACCESS_TOKEN, props()).memberships().size());
        ObjectNode deleted = props();
        deleted.set("ActivityStates", array("Deleted"));
        assertEquals(
                1000, api.getAll(CHAIN_C_ACCESS_TOKEN, deleted).memberships().size());
    }
}
