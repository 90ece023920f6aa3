package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §6: update wrappers, nullability, errors, order. */
@ExtendWith(DynamoDbEngineExtension.class)
class UpdateTest {

    private TestApi api;
    private JsonNode original;

    @BeforeEach
    void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
        original = api.add(
                        PORTFOLIO_ACCESS_TOKEN,
                        CHAIN_A,
                        item(UUID.randomUUID(), UUID.randomUUID(), false)
                                .put("State", "Pending")
                                .put("MembershipNumber", "M-1")
                                .put("Points", 10)
                                .put("ExpirationDate", "2030-01-01")
                                .put("Url", "https://example.com/1")
                                .put("LoyaltyTierId", UUID.randomUUID().toString()))
                .get(0);
    }

    private Response update(ObjectNode... items) {
        ObjectNode body = body(CHAIN_A_ACCESS_TOKEN);
        body.set("LoyaltyMembershipUpdates", array((Object[]) items));
        return api.post("update", body);
    }

    private ObjectNode change() {
        return TestApi.JSON
                .createObjectNode()
                .put("LoyaltyMembershipId", original.get("Id").asText());
    }

    private JsonNode stored() {
        ObjectNode byId = props();
        byId.set("LoyaltyMembershipIds", array(original.get("Id").asText()));
        return api.getAll(CHAIN_A_ACCESS_TOKEN, byId).memberships().get(0);
    }

    @Test
    void absentAndNullLeaveFieldsAsTheyAre() {
        ObjectNode nulls = change();
        for (String field : List.of(
                "LoyaltyProgramId",
                "State",
                "IsPrimary",
                "MembershipNumber",
                "Code",
                "ProviderMembershipId",
                "Points",
                "ExpirationDate",
                "Url",
                "LoyaltyTierId")) {
            nulls.set(field, NullNode.getInstance());
        }
        JsonNode answered = update(change()).memberships().get(0);
        JsonNode answeredNulls = update(nulls).memberships().get(0);
        for (JsonNode m : List.of(answered, answeredNulls, stored())) {
            ObjectNode expected = original.deepCopy();
            assertEquals(expected, m);
        }
    }

    @Test
    void valuesSetAndNullValuesClear() {
        UUID program = UUID.randomUUID();
        UUID tier = UUID.randomUUID();
        ObjectNode set = change();
        set.set("LoyaltyProgramId", wrapped(program.toString().toUpperCase()));
        set.set("State", wrapped("Canceled"));
        set.set("IsPrimary", wrapped(true));
        set.set("ProviderMembershipId", wrapped("PRV-9"));
        set.set("MembershipNumber", wrapped("M-2"));
        set.set("Points", wrapped(42));
        set.set("ExpirationDate", wrapped("2038-01-19T04:14:07+01:00"));
        set.set("Url", wrapped("https://final.example.com/x"));
        set.set("LoyaltyTierId", wrapped(tier.toString()));
        JsonNode m = update(set).memberships().get(0);
        assertEquals(program.toString(), m.get("LoyaltyProgramId").asText());
        assertEquals("Canceled", m.get("State").asText());
        assertTrue(m.get("IsPrimary").asBoolean());
        assertEquals("PRV-9", m.get("ProviderMembershipId").asText());
        assertEquals("M-2", m.get("MembershipNumber").asText());
        assertEquals("M-2", m.get("Code").asText());
        assertEquals(42, m.get("Points").asInt());
        assertEquals("2038-01-19T03:14:07Z", m.get("ExpirationDate").asText());
        assertEquals("https://final.example.com/x", m.get("Url").asText());
        assertEquals(tier.toString(), m.get("LoyaltyTierId").asText());
        assertEquals(original.get("AccountId"), m.get("AccountId"));
        assertEquals(m, stored());

        ObjectNode clear = change();
        for (String field :
                List.of("ProviderMembershipId", "Code", "Points", "ExpirationDate", "Url", "LoyaltyTierId")) {
            clear.set(field, wrapped(null));
        }
        JsonNode cleared = update(clear).memberships().get(0);
        for (String field : List.of(
                "ProviderMembershipId",
                "Code",
                "MembershipNumber",
                "Points",
                "ExpirationDate",
                "Url",
                "LoyaltyTierId")) {
            assertTrue(cleared.get(field).isNull(), field);
        }
        assertEquals("Canceled", cleared.get("State").asText(), "untouched fields stay");
        assertEquals(cleared, stored());
    }

    @Test
    void fieldsThatCannotBeEmptyRefuseNull() {
        for (String field : List.of("LoyaltyProgramId", "State", "IsPrimary")) {
            ObjectNode nullValue = change();
            nullValue.set(field, wrapped(null));
            update(nullValue).assertError(400, "Invalid " + field + " at LoyaltyMembershipUpdates[0]." + field);
        }
        assertEquals(original, stored());
    }

    @Test
    void unknownDeletedAndRepeatedIdsAreRejectedWithNothingChanged() {
        ObjectNode points = change();
        points.set("Points", wrapped(99));
        ObjectNode unknown = TestApi.JSON
                .createObjectNode()
                .put("LoyaltyMembershipId", UUID.randomUUID().toString());
        update(points, unknown)
                .assertError(400, "Invalid LoyaltyMembershipId at LoyaltyMembershipUpdates[1].LoyaltyMembershipId");
        update(points, change())
                .assertError(400, "Invalid LoyaltyMembershipId at LoyaltyMembershipUpdates[1].LoyaltyMembershipId");
        assertEquals(original, stored());

        String deleted = api.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false))
                .get(0)
                .get("Id")
                .asText();
        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(deleted));
        assertEquals(200, api.post("delete", delete).status());
        update(points, TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", deleted))
                .assertError(400, "Invalid LoyaltyMembershipId at LoyaltyMembershipUpdates[1]");
        assertEquals(original, stored());
    }

    @Test
    void answersInRequestOrderAndRecordsTheUpdate() throws InterruptedException {
        List<JsonNode> more = api.add(
                CHAIN_A_ACCESS_TOKEN,
                CHAIN_A,
                item(UUID.randomUUID(), UUID.randomUUID(), false),
                item(UUID.randomUUID(), UUID.randomUUID(), false));
        Thread.sleep(5);
        Instant before = Instant.now();
        ObjectNode first = TestApi.JSON
                .createObjectNode()
                .put("LoyaltyMembershipId", more.get(1).get("Id").asText());
        ObjectNode second = change();
        ObjectNode third = TestApi.JSON
                .createObjectNode()
                .put("LoyaltyMembershipId", more.get(0).get("Id").asText());
        Response response = update(first, second, third);
        assertEquals(
                List.of(
                        more.get(1).get("Id").asText(),
                        original.get("Id").asText(),
                        more.get(0).get("Id").asText()),
                ids(response.memberships()));
        assertEquals(
                more.get(0).get("Id").asText(), response.json().get("Cursor").asText());

        ObjectNode recent = props();
        recent.set(
                "UpdatedUtc",
                TestApi.JSON
                        .createObjectNode()
                        .put("StartUtc", before.toString())
                        .put("EndUtc", Instant.now().plusSeconds(1).toString()));
        assertEquals(3, api.getAll(CHAIN_A_ACCESS_TOKEN, recent).memberships().size());
    }
}
