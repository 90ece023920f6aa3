package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.local.DemoMemberships;
import com.loyaltymemberships.local.LocalContext;
import com.loyaltymemberships.operations.Operations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every file in events/ (what {@code sam local invoke -e} sends) goes through its Lambda handler as Lambda hands it
 * over: its bytes into the handler's stream entry. The memberships the documented update and delete examples name
 * are stored first, so that those examples succeed as written.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class EventsTest {

    static final Path EVENTS = Path.of(System.getProperty("project.root", ".."), "events");

    /** What an event's answer must be; {@link InvokeCommandTest} holds the same answers to the same checks. */
    record Expectation(int status, Consumer<Response> check) {}

    /** In the order they run: the update and delete examples act on the seeded memberships. */
    static final Map<String, Expectation> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(
                "getAll.json",
                new Expectation(
                        200, r -> assertEquals(0, r.memberships().size(), "the example's 2022 window is empty")));
        EXPECTED.put("add.json", new Expectation(200, r -> {
            JsonNode m = r.memberships().get(0);
            assertEquals(
                    "fadd5bb6-b428-45d5-94f8-fd0d89fece6d", m.get("AccountId").asText());
            assertEquals("MBR-2025-AX49ZT73", m.get("Code").asText());
            assertEquals(22, m.get("Points").asInt());
            assertEquals("2029-12-24T00:00:00Z", m.get("ExpirationDate").asText());
        }));
        EXPECTED.put(
                "getAll-all.json",
                new Expectation(200, r -> assertEquals(3, r.memberships().size())));
        EXPECTED.put("update.json", new Expectation(200, r -> {
            JsonNode m = r.memberships().get(0);
            assertEquals(DemoMemberships.EXAMPLE_ID.toString(), m.get("Id").asText());
            assertEquals("Canceled", m.get("State").asText());
            assertEquals(42, m.get("Points").asInt());
            assertEquals("2038-01-19T03:14:07Z", m.get("ExpirationDate").asText());
            assertTrue(m.get("IsPrimary").asBoolean());
        }));
        EXPECTED.put(
                "update-error-null-state.json",
                new Expectation(400, r -> r.assertError(400, "Invalid State at LoyaltyMembershipUpdates[0].State")));
        EXPECTED.put("delete.json", new Expectation(200, r -> assertEquals("{}", r.body())));
        EXPECTED.put("delete-error-no-chain.json", new Expectation(400, r -> r.assertError(400, "Invalid ChainId")));
        EXPECTED.put(
                "getAll-error-count.json",
                new Expectation(400, r -> r.assertError(400, "Invalid Count at Limitation.Count")));
        EXPECTED.put(
                "add-error-missing-account.json",
                new Expectation(400, r -> r.assertError(400, "Invalid AccountId at LoyaltyMemberships[0].AccountId")));
    }

    private static TestApi api;

    @BeforeAll
    static void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
        DemoMemberships.seed(dynamoDb, api.tableName);
    }

    @Test
    void everyEventFileHasAnExpectation() throws IOException {
        assertEquals(List.of(), OperationChecks.eventProblems(EVENTS, Operations.ALL));
        try (Stream<Path> files = Files.list(EVENTS)) {
            Set<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toSet());
            assertEquals(EXPECTED.keySet(), names);
        }
    }

    /** As Lambda runs a function: the file's bytes into the handler's stream entry, the response's JSON out. */
    @TestFactory
    Stream<DynamicTest> eachEventThroughItsHandler() {
        return EXPECTED.entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
                    byte[] event = Files.readAllBytes(EVENTS.resolve(entry.getKey()));
                    String path = TestApi.JSON.readTree(event).get("rawPath").asText();
                    Response response = OpenApi.get().conforming("POST", path, invoke(path, event));
                    assertEquals(entry.getValue().status(), response.status(), response.body());
                    entry.getValue().check().accept(response);
                }));
    }

    /**
     * The handlers decode events themselves (HttpApiEventCodec); the Lambda runtime's own serializer must see the same
     * request in them. Every event without side effects, and variants of it that API Gateway or another caller may
     * send (base64 body, unknown and null properties, header names in capitals, no request context, no body), gets
     * the same answer both ways: decoded by the runtime and handed to the pipeline, and as bytes to the stream handler.
     */
    @TestFactory
    Stream<DynamicTest> sameAnswerAsTheRuntimesOwnDecoding() throws IOException {
        var serializer = LambdaEventSerializers.serializerFor(
                APIGatewayV2HTTPEvent.class, getClass().getClassLoader());
        Map<String, ObjectNode> cases = new LinkedHashMap<>();
        for (String name : List.of(
                "getAll.json",
                "getAll-all.json",
                "getAll-error-count.json",
                "update-error-null-state.json",
                "delete-error-no-chain.json",
                "add-error-missing-account.json")) {
            ObjectNode event =
                    (ObjectNode) TestApi.JSON.readTree(EVENTS.resolve(name).toFile());
            cases.put(name, event);
            ObjectNode base64 = event.deepCopy();
            base64.put(
                    "body",
                    Base64.getEncoder()
                            .encodeToString(event.get("body").asText().getBytes(StandardCharsets.UTF_8)));
            base64.put("isBase64Encoded", true);
            cases.put(name + ", body in base64", base64);
            ObjectNode unknown = event.deepCopy();
            unknown.putObject("future").putArray("nested").addObject().put("body", "not this one");
            unknown.putNull("cookies");
            unknown.putNull("queryStringParameters");
            ((ObjectNode) unknown.get("requestContext")).putObject("authorizer").put("method", "GET");
            ((ObjectNode) unknown.get("requestContext").get("http")).putNull("userAgent");
            cases.put(name + ", unknown and null properties", unknown);
        }
        ObjectNode capitals = (ObjectNode)
                TestApi.JSON.readTree(EVENTS.resolve("getAll-all.json").toFile());
        capitals.putObject("headers").put("Content-Type", "text/plain").put("Prefer", "return=minimal");
        cases.put("header names in capitals (a 400 for the Content-Type)", capitals);
        ObjectNode noContext = (ObjectNode)
                TestApi.JSON.readTree(EVENTS.resolve("getAll-all.json").toFile());
        noContext.remove("requestContext");
        cases.put("no request context (no method: 404)", noContext);
        ObjectNode noBody = (ObjectNode)
                TestApi.JSON.readTree(EVENTS.resolve("getAll-all.json").toFile());
        noBody.putNull("body");
        cases.put("null body", noBody);
        ObjectNode badBase64 = (ObjectNode)
                TestApi.JSON.readTree(EVENTS.resolve("getAll-all.json").toFile());
        badBase64.put("isBase64Encoded", true);
        cases.put("body said to be base64 but not", badBase64);
        return cases.entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
                    byte[] event = TestApi.JSON.writeValueAsBytes(entry.getValue());
                    String path = entry.getValue().get("rawPath").asText();
                    APIGatewayV2HTTPResponse decoded =
                            api.router.route(serializer.fromJson(new ByteArrayInputStream(event)));
                    Response streamed = invoke(path, event);
                    assertEquals(decoded.getStatusCode(), streamed.status(), streamed.body());
                    assertEquals(withoutRequestId(decoded.getBody()), withoutRequestId(streamed.body()));
                    Map<String, String> headers = new HashMap<>(decoded.getHeaders());
                    Map<String, String> streamedHeaders = new HashMap<>(streamed.headers());
                    headers.remove("Request-Id");
                    streamedHeaders.remove("Request-Id");
                    assertEquals(headers, streamedHeaders);
                }));
    }

    /** API Gateway sends base64 only when it is; a hand-made event that claims it wrongly is told so, not a 500. */
    @Test
    void aBodyMarkedBase64ThatIsNotIsA400() throws IOException {
        ObjectNode event = (ObjectNode)
                TestApi.JSON.readTree(EVENTS.resolve("getAll-all.json").toFile());
        event.put("body", "e30=x").put("isBase64Encoded", true);
        invoke(event.get("rawPath").asText(), TestApi.JSON.writeValueAsBytes(event))
                .assertError(400, "Invalid request body: the event says it is base64, but it is not.");
    }

    /** What the runtime's serializer cannot read either is a Mews-style 400 from the stream handler, not a failure. */
    @TestFactory
    Stream<DynamicTest> notAnHttpApiEventIsA400() {
        return Stream.of(
                        "",
                        "[]",
                        "\"text\"",
                        "{\"headers\": []}",
                        "{\"body\": 42}",
                        "{\"isBase64Encoded\": \"yes\"}",
                        "{\"requestContext\": {\"http\": {\"method\": 1}}}",
                        "{\"rawPath\": ",
                        "{\"headers\": {\"a\": {}}}")
                .map(event -> DynamicTest.dynamicTest(event.isEmpty() ? "(empty)" : event, () -> {
                    Response response = invoke(
                            "/api/connector/v1/loyaltyMemberships/getAll", event.getBytes(StandardCharsets.UTF_8));
                    response.assertError(
                            400,
                            "Invalid request: the Lambda event is not an API Gateway HTTP API (payload format 2.0) event.");
                }));
    }

    private static Response invoke(String path, byte[] event) {
        return api.invoke(path, event, LocalContext.FUNCTION_TIMEOUT_MILLIS);
    }

    private static String withoutRequestId(String body) {
        return body == null ? null : body.replaceAll("\"RequestId\":\"[^\"]*\"", "");
    }
}
