package com.loyaltymemberships.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.local.HttpApiEvents;
import com.loyaltymemberships.local.Router;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The four Lambda handlers on a table, called with HTTP API events as API Gateway sends them. */
final class Handlers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Router router;

    Handlers(DynamoDbClient dynamoDb, String table) {
        Settings settings = new Settings(
                table, "us-east-1", Optional.empty(), 0, Settings.DEFAULT_RATE_WINDOW_SECONDS, IndexSet.KEYS_ONLY);
        this.router = new Router(LoyaltyApi.create(settings, dynamoDb, Clock.systemUTC()));
    }

    record Answer(int status, JsonNode body) {

        /** The ChainIds of the memberships answered. */
        Set<String> chains() {
            Set<String> chains = new HashSet<>();
            body.get("LoyaltyMemberships")
                    .forEach(m -> chains.add(m.get("ChainId").asText()));
            return chains;
        }
    }

    Answer getAll(String clientToken, String accessToken, List<UUID> chainIds) {
        ObjectNode body = body(clientToken, accessToken);
        body.putObject("Limitation").put("Count", 100);
        if (!chainIds.isEmpty()) {
            ArrayNode chains = body.putArray("ChainIds");
            chainIds.forEach(chain -> chains.add(chain.toString()));
        }
        return post(Operations.GET_ALL, body);
    }

    Answer getAll(String clientToken, String accessToken) {
        return getAll(clientToken, accessToken, List.of());
    }

    /** Adds one membership, to {@code chainId} when given. */
    Answer add(String clientToken, String accessToken, Optional<UUID> chainId) {
        return add(clientToken, accessToken, chainId, 1);
    }

    /** Adds {@code count} memberships in one request, each of its own account and program. */
    Answer add(String clientToken, String accessToken, Optional<UUID> chainId, int count) {
        ObjectNode body = body(clientToken, accessToken);
        chainId.ifPresent(chain -> body.put("ChainId", chain.toString()));
        ArrayNode items = body.putArray("LoyaltyMemberships");
        for (int i = 0; i < count; i++) {
            items.addObject()
                    .put("AccountId", UUID.randomUUID().toString())
                    .put("LoyaltyProgramId", UUID.randomUUID().toString())
                    .put("IsPrimary", false);
        }
        return post(Operations.ADD, body);
    }

    private static ObjectNode body(String clientToken, String accessToken) {
        return JSON.createObjectNode()
                .put("ClientToken", clientToken)
                .put("AccessToken", accessToken)
                .put("Client", "loyalty-admin tests");
    }

    private Answer post(Operation<?, ?> operation, ObjectNode body) {
        APIGatewayV2HTTPResponse response = router.route(HttpApiEvents.event(
                "POST",
                operation.path(),
                null,
                Map.of("content-type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8)));
        try {
            return new Answer(response.getStatusCode(), JSON.readTree(response.getBody()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
