package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_B;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CLIENT_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TokenRepository;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §2: tokens, scope of single-enterprise and portfolio tokens, tenant isolation. */
@ExtendWith(DynamoDbEngineExtension.class)
class AuthScopeTest {

    private static final String OTHER_CLIENT_TOKEN = "OTHER-CLIENT-TOKEN-0001";
    private static final String OTHER_CLIENTS_ACCESS_TOKEN = "OTHER-ACCESS-TOKEN-0001";
    private static final String REVOKED_ACCESS_TOKEN = "REVOKED-ACCESS-TOKEN-0001";

    private static TestApi api;
    private static String membershipOfA;
    private static String membershipOfB;
    private static String membershipOfC;

    @BeforeAll
    static void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
        TokenRepository tokens = new TokenRepository(new DynamoDbTables(dynamoDb, api.tableName));
        Instant now = Instant.now();
        tokens.create(new ClientToken(TokenHash.of(OTHER_CLIENT_TOKEN), "other", now, Optional.empty()));
        tokens.create(new AccessToken(
                TokenHash.of(OTHER_CLIENTS_ACCESS_TOKEN),
                TokenHash.of(OTHER_CLIENT_TOKEN),
                List.of(CHAIN_A),
                false,
                "other",
                now,
                Optional.empty()));
        tokens.create(new AccessToken(
                TokenHash.of(REVOKED_ACCESS_TOKEN),
                TokenHash.of(CLIENT_TOKEN),
                List.of(CHAIN_A),
                false,
                "revoked",
                now,
                Optional.empty()));
        tokens.revoke(TokenRepository.Kind.ACCESS, TokenHash.of(REVOKED_ACCESS_TOKEN), now);

        membershipOfA = api.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false))
                .get(0)
                .get("Id")
                .asText();
        membershipOfB = api.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_B, item(UUID.randomUUID(), UUID.randomUUID(), false))
                .get(0)
                .get("Id")
                .asText();
        membershipOfC = api.add(CHAIN_C_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false))
                .get(0)
                .get("Id")
                .asText();
    }

    /** SPEC §2: every body names the calling application; no Client (or not a string, or blank) is a 400 and writes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"absent", "null", "42", "\"\"", "\"   \"", "[\"Sample Client\"]"})
    void clientIsRequired(String client) throws Exception {
        UUID account = UUID.randomUUID();
        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
        add.set("LoyaltyMemberships", array(item(account, UUID.randomUUID(), false)));
        if (client.equals("absent")) {
            add.remove("Client");
        } else {
            add.set("Client", TestApi.JSON.readTree(client));
        }
        api.post("add", add).assertError(400, "Invalid Client: a string naming the calling application");
        ObjectNode byAccount = props();
        byAccount.set("AccountIds", array(account));
        assertEquals(
                0, api.getAll(CHAIN_A_ACCESS_TOKEN, byAccount).memberships().size(), "nothing was added");

        ObjectNode unauthorized = add.deepCopy().put("AccessToken", "WRONG");
        api.post("add", unauthorized).assertError(401, "Invalid or missing ClientToken or AccessToken");
    }

    private static ObjectNode getAll(String client, String access) {
        ObjectNode body = TestApi.JSON.createObjectNode();
        if (client != null) {
            body.put("ClientToken", client);
        }
        if (access != null) {
            body.put("AccessToken", access);
        }
        body.put("Client", TestApi.CLIENT);
        body.set("Limitation", TestApi.limitation(10));
        return body;
    }

    @Test
    void everyTokenProblemIsTheSame401() {
        List<ObjectNode> bodies = List.of(
                getAll(null, CHAIN_A_ACCESS_TOKEN),
                getAll(CLIENT_TOKEN, null),
                getAll(null, null),
                getAll("", ""),
                getAll("UNKNOWN-CLIENT", CHAIN_A_ACCESS_TOKEN),
                getAll(CLIENT_TOKEN, "UNKNOWN-ACCESS"),
                getAll(CLIENT_TOKEN.toLowerCase(), CHAIN_A_ACCESS_TOKEN),
                getAll(CLIENT_TOKEN, REVOKED_ACCESS_TOKEN),
                getAll(CLIENT_TOKEN, OTHER_CLIENTS_ACCESS_TOKEN),
                getAll(OTHER_CLIENT_TOKEN, CHAIN_A_ACCESS_TOKEN),
                getAll(CHAIN_A_ACCESS_TOKEN, CLIENT_TOKEN),
                (ObjectNode) getAll(null, null).put("ClientToken", 1).put("AccessToken", 2));
        Set<String> messages = new HashSet<>();
        for (ObjectNode body : bodies) {
            Response response = api.post("getAll", body).assertError(401, "");
            String message = response.json().get("Message").asText();
            messages.add(message);
            for (String token : List.of(CLIENT_TOKEN, CHAIN_A_ACCESS_TOKEN, OTHER_CLIENT_TOKEN, REVOKED_ACCESS_TOKEN)) {
                assertFalse(response.body().contains(token), "a token never appears in an error");
            }
        }
        assertEquals(1, messages.size(), "the answer never says which token was wrong: " + messages);
        assertEquals(
                200,
                api.post("getAll", getAll(OTHER_CLIENT_TOKEN, OTHER_CLIENTS_ACCESS_TOKEN))
                        .status(),
                "the other client's own pair works");
    }

    @Test
    void tokenCheckComesBeforeValidation() {
        ObjectNode body = getAll("UNKNOWN", CHAIN_A_ACCESS_TOKEN);
        body.remove("Limitation");
        api.post("getAll", body).assertError(401, "");
    }

    @Test
    void languageAndCultureCodesAreAccepted() {
        ObjectNode body = getAll(CLIENT_TOKEN, CHAIN_A_ACCESS_TOKEN)
                .put("LanguageCode", "cs-CZ")
                .put("CultureCode", "cs-CZ");
        assertEquals(200, api.post("getAll", body).status());
    }

    @Test
    void readsCoverEveryChainInScopeUnlessChainIdsNarrowIt() {
        Set<String> portfolio =
                new HashSet<>(ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, props()).memberships()));
        assertTrue(portfolio.containsAll(Set.of(membershipOfA, membershipOfB)));
        assertFalse(portfolio.contains(membershipOfC));

        ObjectNode onlyB = props();
        onlyB.set("ChainIds", array(CHAIN_B));
        assertEquals(
                List.of(membershipOfB),
                ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, onlyB).memberships()));

        assertEquals(
                List.of(membershipOfA),
                ids(api.getAll(CHAIN_A_ACCESS_TOKEN, props()).memberships()));
        ObjectNode ownChain = props();
        ownChain.set("ChainIds", array(CHAIN_A.toString().toUpperCase()));
        assertEquals(
                List.of(membershipOfA),
                ids(api.getAll(CHAIN_A_ACCESS_TOKEN, ownChain).memberships()));
    }

    @Test
    void aChainOutsideTheScopeIsInvalidChainIds() {
        ObjectNode withC = props();
        withC.set("ChainIds", array(CHAIN_A, CHAIN_C));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, withC).assertError(400, "Invalid ChainIds at ChainIds[1]");
        ObjectNode withB = props();
        withB.set("ChainIds", array(CHAIN_B));
        api.getAll(CHAIN_A_ACCESS_TOKEN, withB).assertError(400, "Invalid ChainIds at ChainIds[0]");
    }

    @Test
    void portfolioWritesNeedAChainIdInScope() {
        ObjectNode add = body(PORTFOLIO_ACCESS_TOKEN);
        add.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        api.post("add", add).assertError(400, "Invalid ChainId");
        api.post("add", add.deepCopy().put("ChainId", CHAIN_C.toString())).assertError(400, "Invalid ChainId");
        api.post("add", add.deepCopy().put("ChainId", "not-a-guid")).assertError(400, "Invalid ChainId");

        ObjectNode delete = body(PORTFOLIO_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(membershipOfA));
        api.post("delete", delete).assertError(400, "Invalid ChainId");
        ObjectNode update = body(PORTFOLIO_ACCESS_TOKEN);
        update.set(
                "LoyaltyMembershipUpdates",
                array(TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", membershipOfA)));
        api.post("update", update).assertError(400, "Invalid ChainId");
    }

    @Test
    void singleEnterpriseTokensIgnoreChainIdAndWriteTheirOwnChain() {
        ObjectNode add = body(CHAIN_C_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        add.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        assertEquals(
                CHAIN_C.toString(),
                api.post("add", add).memberships().get(0).get("ChainId").asText());
        ObjectNode garbage = body(CHAIN_C_ACCESS_TOKEN).put("ChainId", "garbage");
        garbage.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        assertEquals(200, api.post("add", garbage).status());
    }

    @Test
    void aMembershipOfAnotherChainBehavesAsIfItDidNotExist() {
        ObjectNode byId = props();
        byId.set("LoyaltyMembershipIds", array(membershipOfA, membershipOfB));
        assertEquals(0, api.getAll(CHAIN_C_ACCESS_TOKEN, byId).memberships().size());
        assertEquals(
                List.of(membershipOfA),
                ids(api.getAll(CHAIN_A_ACCESS_TOKEN, byId).memberships()));

        ObjectNode cursor = props();
        cursor.set("Limitation", TestApi.limitation(10).put("Cursor", membershipOfA));
        api.getAll(CHAIN_C_ACCESS_TOKEN, cursor).assertError(400, "Invalid Cursor");

        ObjectNode update = body(CHAIN_C_ACCESS_TOKEN);
        update.set(
                "LoyaltyMembershipUpdates",
                array(TestApi.JSON
                        .createObjectNode()
                        .put("LoyaltyMembershipId", membershipOfA)
                        .set("Points", wrapped(5))));
        api.post("update", update)
                .assertError(400, "Invalid LoyaltyMembershipId at LoyaltyMembershipUpdates[0].LoyaltyMembershipId");

        ObjectNode updateOtherChain = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_B.toString());
        updateOtherChain.set("LoyaltyMembershipUpdates", update.get("LoyaltyMembershipUpdates"));
        api.post("update", updateOtherChain).assertError(400, "Invalid LoyaltyMembershipId");

        ObjectNode delete = body(CHAIN_C_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(membershipOfC, membershipOfA));
        api.post("delete", delete).assertError(400, "Invalid LoyaltyMembershipIds at LoyaltyMembershipIds[1]");

        JsonNode stillThere =
                api.getAll(CHAIN_A_ACCESS_TOKEN, byId).memberships().get(0);
        assertTrue(stillThere.get("Points").isNull(), "the foreign update changed nothing");
        assertEquals(
                List.of(membershipOfC),
                ids(api.getAll(CHAIN_C_ACCESS_TOKEN, onlyIds(membershipOfC)).memberships()),
                "the request failed whole: C's own membership was not deleted either");
    }

    private static ObjectNode onlyIds(String... ids) {
        ObjectNode properties = props();
        properties.set("LoyaltyMembershipIds", array((Object[]) ids));
        return properties;
    }
}
