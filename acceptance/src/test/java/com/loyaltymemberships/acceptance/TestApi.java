package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.local.DemoTokens.CLIENT_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.local.DemoTokens;
import com.loyaltymemberships.local.HttpApiEvents;
import com.loyaltymemberships.local.LocalContext;
import com.loyaltymemberships.local.Router;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The service as API Gateway sees it, on a fresh table of the test engine with the demo tokens: every
 * call is an HTTP API v2 event, encoded as JSON by the Lambda runtime's serializer, into the stream entry of the Lambda
 * handler of its path, as in AWS (a path of no operation gets the router's 404).
 */
final class TestApi {

    static final String CLIENT = "Sample Client 1.0.0";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The Lambda runtime's own event serializer: events are encoded as the runtime would hand them over. */
    static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, TestApi.class.getClassLoader());

    final DynamoDbClient dynamoDb;
    final String tableName;
    final Settings settings;
    final Clock clock;
    final Router router;

    private TestApi(DynamoDbClient dynamoDb, Settings settings, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = settings.tableName();
        this.settings = settings;
        this.clock = clock;
        this.router = new Router(LoyaltyApi.create(settings, dynamoDb, clock));
    }

    /** A fresh table, with the contract's rate limit (200 requests per access token in 30 s), as deployed. */
    static TestApi create(DynamoDbClient dynamoDb) {
        return create(dynamoDb, Settings.DEFAULT_RATE_LIMIT, Settings.DEFAULT_RATE_WINDOW_SECONDS);
    }

    static TestApi create(DynamoDbClient dynamoDb, int rateLimit, int windowSeconds) {
        return create(dynamoDb, rateLimit, windowSeconds, IndexSet.KEYS_ONLY);
    }

    /** A fresh table with only this set of indexes, read by the service (READ_INDEXES). */
    static TestApi create(DynamoDbClient dynamoDb, IndexSet indexes) {
        return create(dynamoDb, Settings.DEFAULT_RATE_LIMIT, Settings.DEFAULT_RATE_WINDOW_SECONDS, indexes);
    }

    private static TestApi create(DynamoDbClient dynamoDb, int rateLimit, int windowSeconds, IndexSet indexes) {
        String table = TableNames.unique("acceptance");
        TableDefinition.createIfMissing(dynamoDb, table, indexes);
        DemoTokens.seed(new TokenRepository(new DynamoDbTables(dynamoDb, table)), Instant.now());
        return new TestApi(
                dynamoDb,
                Settings.fromEnvironment()
                        .withTableName(table)
                        .withRateLimit(rateLimit, windowSeconds)
                        .withReadIndexes(indexes),
                Clock.systemUTC());
    }

    /** Another instance on the same table that reads the other set of indexes. */
    TestApi readingIndexes(IndexSet indexes) {
        return new TestApi(dynamoDb, settings.withReadIndexes(indexes), clock);
    }

    /** A second service on the same table, like another Lambda instance (or another function) would be. */
    TestApi anotherInstance() {
        return withClient(dynamoDb);
    }

    /** The same table through another client (one that records nothing or injects no fault, say). */
    TestApi withClient(DynamoDbClient client) {
        return new TestApi(client, settings, clock);
    }

    /** Another instance on the same table that reads the time from {@code clock}. */
    TestApi withClock(Clock other) {
        return new TestApi(dynamoDb, settings, other);
    }

    /** Another instance on the same table, deployed with another rate limit. */
    TestApi withRateLimit(int limit, int windowSeconds) {
        return new TestApi(dynamoDb, settings.withRateLimit(limit, windowSeconds), clock);
    }

    Response send(String method, String path, Map<String, String> headers, byte[] body) {
        return send(method, path, headers, body, LocalContext.FUNCTION_TIMEOUT_MILLIS);
    }

    /** As Lambda would run it with {@code remainingMillis} left before the function's timeout. */
    Response send(String method, String path, Map<String, String> headers, byte[] body, int remainingMillis) {
        TrafficLog.record(method, path, headers, body);
        APIGatewayV2HTTPEvent event = HttpApiEvents.event(method, path, null, headers, body);
        Response answer;
        if (router.handler(path).isPresent()) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            EVENTS.toJson(event, json);
            answer = invoke(path, json.toByteArray(), remainingMillis);
        } else {
            APIGatewayV2HTTPResponse response = router.route(event, remainingMillis);
            answer = new Response(response.getStatusCode(), response.getHeaders(), response.getBody());
        }
        return OpenApi.get().conforming(method, path, answer); // fails the test if the answer drifts from openapi.yaml
    }

    /**
     * As Lambda runs a function: the event's JSON into the stream entry of the handler API Gateway routes {@code path}
     * to, with {@code remainingMillis} left, and the response read from the JSON it writes.
     */
    Response invoke(String path, byte[] event, int remainingMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            router.handler(path)
                    .orElseThrow()
                    .handleRequest(new ByteArrayInputStream(event), out, new LocalContext("TestApi", remainingMillis));
            JsonNode answer = JSON.readTree(out.toByteArray());
            assertEquals(false, answer.get("isBase64Encoded").asBoolean(true), "answers are text");
            return Response.ofLambdaAnswer(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response post(String operation, Map<String, String> headers, String body) {
        return send("POST", Operation.BASE_PATH + operation, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    Response post(String operation, ObjectNode body) {
        return post(operation, Map.of("content-type", "application/json"), body.toString());
    }

    /** With an Idempotency-Key (SPEC §11). */
    Response post(String operation, String idempotencyKey, ObjectNode body) {
        return post(
                operation,
                Map.of("content-type", "application/json", "idempotency-key", idempotencyKey),
                body.toString());
    }

    // ---- request bodies ----

    /** ClientToken, AccessToken and Client, as every body carries them. */
    static ObjectNode body(String accessToken) {
        return JSON.createObjectNode()
                .put("ClientToken", CLIENT_TOKEN)
                .put("AccessToken", accessToken)
                .put("Client", CLIENT);
    }

    static ObjectNode item(UUID account, UUID program, boolean primary) {
        return JSON.createObjectNode()
                .put("AccountId", account.toString())
                .put("LoyaltyProgramId", program.toString())
                .put("IsPrimary", primary);
    }

    static ArrayNode array(Object... values) {
        ArrayNode array = JSON.createArrayNode();
        for (Object value : values) {
            if (value instanceof JsonNode node) {
                array.add(node);
            } else {
                array.add(String.valueOf(value));
            }
        }
        return array;
    }

    static ObjectNode limitation(int count) {
        return JSON.createObjectNode().put("Count", count);
    }

    static ObjectNode wrapped(Object value) {
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.set("Value", JSON.valueToTree(value));
        return wrapper;
    }

    // ---- shortcuts that assert success ----

    /** Adds memberships to {@code chain} (portfolio token) and returns them as answered. */
    List<JsonNode> add(String accessToken, UUID chain, ObjectNode... items) {
        ObjectNode body = body(accessToken).put("ChainId", chain.toString());
        body.set("LoyaltyMemberships", array((Object[]) items));
        Response response = post("add", body);
        List<JsonNode> added = new ArrayList<>();
        response.memberships().forEach(added::add);
        assertEquals(items.length, added.size());
        return added;
    }

    /** Sets the ProviderMembershipId of a membership of {@code chain}. */
    void setProviderId(String accessToken, UUID chain, String id, String providerId) {
        ObjectNode update = body(accessToken).put("ChainId", chain.toString());
        update.set(
                "LoyaltyMembershipUpdates",
                array(JSON.createObjectNode()
                        .put("LoyaltyMembershipId", id)
                        .set("ProviderMembershipId", wrapped(providerId))));
        assertEquals(200, post("update", update).status());
    }

    /** Deletes memberships of {@code chain}. */
    void delete(String accessToken, UUID chain, String... ids) {
        ObjectNode delete = body(accessToken).put("ChainId", chain.toString());
        delete.set("LoyaltyMembershipIds", array((Object[]) ids));
        assertEquals(200, post("delete", delete).status());
    }

    /** getAll with these extra properties; Limitation defaults to 1000. */
    Response getAll(String accessToken, ObjectNode properties) {
        ObjectNode body = body(accessToken);
        body.set("Limitation", limitation(1000));
        body.setAll(properties);
        return post("getAll", body);
    }

    /** The Ids of a getAll answer, in order. */
    static List<String> ids(JsonNode memberships) {
        List<String> ids = new ArrayList<>();
        memberships.forEach(m -> ids.add(m.get("Id").asText()));
        return ids;
    }

    /** How many of these memberships are primary. */
    static long primaryCount(JsonNode memberships) {
        long primaries = 0;
        for (JsonNode m : memberships) {
            primaries += m.get("IsPrimary").asBoolean() ? 1 : 0;
        }
        return primaries;
    }

    static ObjectNode props() {
        return JSON.createObjectNode();
    }
}
