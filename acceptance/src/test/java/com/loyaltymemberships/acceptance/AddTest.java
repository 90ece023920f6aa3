package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §3 (the membership object) and §5 (add). */
@ExtendWith(DynamoDbEngineExtension.class)
class AddTest {

    private static final List<String> PROPERTY_ORDER = List.of(
            "Id",
            "ChainId",
            "AccountId",
            "LoyaltyProgramId",
            "State",
            "IsPrimary",
            "ProviderMembershipId",
            "Code",
            "MembershipNumber",
            "Points",
            "ExpirationDate",
            "Url",
            "LoyaltyTierId",
            "CreatorProfile",
            "UpdaterProfile");

    private TestApi api;

    @BeforeEach
    void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void answersTheMembershipWithEveryPropertyInOrder() {
        UUID account = UUID.randomUUID();
        ObjectNode full = item(account, UUID.randomUUID(), true)
                .put("AccountId", account.toString().toUpperCase())
                .put("State", "Pending")
                .put("MembershipNumber", "MBR-1")
                .put("Points", -7)
                .put("ExpirationDate", "2029-12-24")
                .put("Url", "https://rewards.example.com/m/1")
                .put("LoyaltyTierId", "69EEDFD2-6F25-42FC-B3C8-39DF70F85E37")
                .put("ProviderMembershipId", "ignored on add");
        JsonNode m = api.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, full).get(0);
        assertEquals(PROPERTY_ORDER, names(m));
        assertTrue(m.get("Id").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals(CHAIN_A.toString(), m.get("ChainId").asText());
        assertEquals(account.toString(), m.get("AccountId").asText(), "GUIDs are emitted lower-case");
        assertEquals("Pending", m.get("State").asText());
        assertTrue(m.get("IsPrimary").asBoolean());
        assertTrue(m.get("ProviderMembershipId").isNull(), "settable only by update");
        assertEquals("MBR-1", m.get("Code").asText());
        assertEquals("MBR-1", m.get("MembershipNumber").asText());
        assertEquals(-7, m.get("Points").asInt());
        assertEquals("2029-12-24T00:00:00Z", m.get("ExpirationDate").asText());
        assertEquals("https://rewards.example.com/m/1", m.get("Url").asText());
        assertEquals(
                "69eedfd2-6f25-42fc-b3c8-39df70f85e37", m.get("LoyaltyTierId").asText());
        for (String profile : List.of("CreatorProfile", "UpdaterProfile")) {
            assertEquals(List.of("Discriminator", "EnterpriseProfile"), names(m.get(profile)));
            assertEquals("Integration", m.get(profile).get("Discriminator").asText());
            assertTrue(m.get(profile).get("EnterpriseProfile").isNull());
        }
        JsonNode listed =
                api.getAll(PORTFOLIO_ACCESS_TOKEN, props()).memberships().get(0);
        assertEquals(m, listed, "getAll shows exactly what add answered");
    }

    @Test
    void absentValuesAreNullNeverOmittedNorEmpty() {
        JsonNode m = api.add(
                        PORTFOLIO_ACCESS_TOKEN,
                        CHAIN_A,
                        item(UUID.randomUUID(), UUID.randomUUID(), false).put("MembershipNumber", ""))
                .get(0);
        assertEquals(PROPERTY_ORDER, names(m));
        assertEquals("Enrolled", m.get("State").asText(), "State defaults to Enrolled");
        assertTrue(!m.get("IsPrimary").asBoolean());
        for (String optional : List.of(
                "ProviderMembershipId",
                "Code",
                "MembershipNumber",
                "Points",
                "ExpirationDate",
                "Url",
                "LoyaltyTierId")) {
            assertTrue(m.get(optional).isNull(), optional + " is null");
        }
    }

    @Test
    void codeIsTheDeprecatedAliasOfMembershipNumber() {
        List<JsonNode> added = api.add(
                PORTFOLIO_ACCESS_TOKEN,
                CHAIN_A,
                item(UUID.randomUUID(), UUID.randomUUID(), false).put("Code", "C-1"),
                item(UUID.randomUUID(), UUID.randomUUID(), false)
                        .put("Code", "C-2")
                        .put("MembershipNumber", "M-2"));
        assertEquals("C-1", added.get(0).get("MembershipNumber").asText());
        assertEquals("C-1", added.get(0).get("Code").asText());
        assertEquals("M-2", added.get(1).get("MembershipNumber").asText(), "MembershipNumber wins");
        assertEquals("M-2", added.get(1).get("Code").asText());
    }

    @Test
    void answersInRequestOrderWithTheLastIdAsCursor() {
        ObjectNode body = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        ArrayNode items = body.putArray("LoyaltyMemberships");
        for (int i = 0; i < 5; i++) {
            items.add(item(UUID.randomUUID(), UUID.randomUUID(), false).put("Points", i));
        }
        Response response = api.post("add", body);
        JsonNode memberships = response.memberships();
        for (int i = 0; i < 5; i++) {
            assertEquals(i, memberships.get(i).get("Points").asInt());
        }
        assertEquals(
                memberships.get(4).get("Id").asText(),
                response.json().get("Cursor").asText());
    }

    @Test
    void oneInvalidItemFailsTheWholeRequest() {
        ObjectNode body = body(CHAIN_C_ACCESS_TOKEN);
        ArrayNode items = body.putArray("LoyaltyMemberships");
        for (int i = 0; i < 300; i++) {
            items.add(item(UUID.randomUUID(), UUID.randomUUID(), false));
        }
        items.add(item(UUID.randomUUID(), UUID.randomUUID(), false).put("Url", "not a url"));
        api.post("add", body).assertError(400, "Invalid Url at LoyaltyMemberships[300].Url");
        assertEquals(0, api.getAll(CHAIN_C_ACCESS_TOKEN, props()).memberships().size(), "nothing was written");

        items.remove(300);
        for (int i = 0; i < 701; i++) {
            items.add(item(UUID.randomUUID(), UUID.randomUUID(), false));
        }
        api.post("add", body).assertError(400, "Invalid LoyaltyMemberships: at most 1000 items");
        assertEquals(0, api.getAll(CHAIN_C_ACCESS_TOKEN, props()).memberships().size());
    }

    @Test
    void requiredPropertiesAndTypes() {
        ObjectNode noProgram = body(CHAIN_C_ACCESS_TOKEN);
        noProgram.set(
                "LoyaltyMemberships",
                array(TestApi.JSON
                        .createObjectNode()
                        .put("AccountId", UUID.randomUUID().toString())
                        .put("IsPrimary", false)));
        api.post("add", noProgram)
                .assertError(400, "Invalid LoyaltyProgramId at LoyaltyMemberships[0].LoyaltyProgramId");
        ObjectNode wrongType = body(CHAIN_C_ACCESS_TOKEN);
        wrongType.set(
                "LoyaltyMemberships",
                array(item(UUID.randomUUID(), UUID.randomUUID(), false).put("Points", "22")));
        api.post("add", wrongType).assertError(400, "Invalid Points at LoyaltyMemberships[0].Points");
        ObjectNode tooBig = body(CHAIN_C_ACCESS_TOKEN);
        tooBig.set(
                "LoyaltyMemberships",
                array(item(UUID.randomUUID(), UUID.randomUUID(), false).put("Points", 2147483648L)));
        api.post("add", tooBig).assertError(400, "Invalid Points at LoyaltyMemberships[0].Points");
        api.post("add", body(CHAIN_C_ACCESS_TOKEN)).assertError(400, "Invalid LoyaltyMemberships: a value is required");
        assertEquals(0, api.getAll(CHAIN_C_ACCESS_TOKEN, props()).memberships().size());
        assertEquals(List.of(), ids(api.getAll(CHAIN_C_ACCESS_TOKEN, props()).memberships()));
    }
}
