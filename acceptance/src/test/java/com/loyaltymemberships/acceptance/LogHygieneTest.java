package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CLIENT_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** SPEC §2 and §9: tokens never appear in a log line or an error; a 500 says nothing internal. */
@ExtendWith(DynamoDbEngineExtension.class)
class LogHygieneTest {

    @Test
    void noTokenInAnyLogLineOrErrorAndOneJsonLinePerRequest(DynamoDbEngine engine) throws Exception {
        FaultInjector faults = new FaultInjector();
        List<Response> responses = new ArrayList<>();
        String log;
        try (DynamoDbClient client = engine.newClient(faults);
                CapturedOutput output = new CapturedOutput()) {
            TestApi api = TestApi.create(client);
            responses.add(api.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
            responses.add(api.getAll("WRONG-" + CHAIN_A_ACCESS_TOKEN, props()));
            ObjectNode misplaced = body(CHAIN_A_ACCESS_TOKEN);
            misplaced.set(
                    "LoyaltyMemberships",
                    array(item(UUID.randomUUID(), UUID.randomUUID(), false)
                            .put("MembershipNumber", 5)
                            .put("Url", CLIENT_TOKEN)));
            responses.add(api.post("add", misplaced));
            ObjectNode badUrl = body(CHAIN_A_ACCESS_TOKEN);
            badUrl.set(
                    "LoyaltyMemberships",
                    array(item(UUID.randomUUID(), UUID.randomUUID(), false).put("Url", CLIENT_TOKEN)));
            responses.add(api.post("add", badUrl));
            faults.fail(QueryRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
            responses.add(api.getAll(CHAIN_A_ACCESS_TOKEN, props()));
            log = output.text();
        }
        for (String token : List.of(CLIENT_TOKEN, CHAIN_A_ACCESS_TOKEN, PORTFOLIO_ACCESS_TOKEN)) {
            assertFalse(log.contains(token), "a token in the log");
            responses.forEach(r -> assertFalse(r.body().contains(token), "a token in an error: " + r.body()));
        }
        assertEquals(
                List.of(200, 401, 400, 400, 500),
                responses.stream().map(Response::status).toList());
        Response failed = responses.get(4).assertError(500, "An unexpected error occurred.");
        assertEquals(
                "An unexpected error occurred.", failed.json().get("Message").asText());

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.isBlank()) {
                lines.add(TestApi.JSON.readTree(line));
            }
        }
        List<JsonNode> requests = lines.stream()
                .filter(l -> l.get("message").asText().equals("request"))
                .toList();
        assertEquals(5, requests.size(), "one line per request");
        JsonNode last = requests.get(4);
        assertEquals(
                failed.header("Request-Id").orElseThrow(), last.get("requestId").asText());
        assertEquals("getAll", last.get("operation").asText());
        assertEquals(500, last.get("status").asInt());
        assertTrue(last.get("durationMs").isNumber());
        JsonNode error = lines.stream()
                .filter(l -> l.get("level").asText().equals("ERROR"))
                .findFirst()
                .orElseThrow();
        assertTrue(error.get("stackTrace").asText().contains("injected failure"), "the operator sees what failed");
    }
}
