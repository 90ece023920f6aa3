package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.local.DemoMemberships;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * Every file in events/ (what {@code sam local invoke -e} sends) goes through its Lambda handler, read by the
 * Lambda runtime's own event serializer. The memberships the documented update and delete examples name
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
        EXPECTED.put("getAll.json", new Expectation(200, r -> assertEquals(0, r.memberships().size(), "the example's 2022 window is empty")));
        EXPECTED.put("add.json", new Expectation(200, r -> {
            JsonNode m = r.memberships().get(0);
            assertEquals("fadd5bb6-b428-45d5-94f8-fd0d89fece6d", m.get("AccountId").asText());
            assertEquals("MBR-2025-AX49ZT73", m.get("Code").asText());
            assertEquals(22, m.get("Points").asInt());
            assertEquals("2029-12-24T00:00:00Z", m.get("ExpirationDate").asText());
        }));
        EXPECTED.put("getAll-all.json", new Expectation(200, r -> assertEquals(3, r.memberships().size())));
        EXPECTED.put("update.json", new Expectation(200, r -> {
            JsonNode m = r.memberships().get(0);
            assertEquals(DemoMemberships.EXAMPLE_ID.toString(), m.get("Id").asText());
            assertEquals("Canceled", m.get("State").asText());
            assertEquals(42, m.get("Points").asInt());
            assertEquals("2038-01-19T03:14:07Z", m.get("ExpirationDate").asText());
            assertTrue(m.get("IsPrimary").asBoolean());
        }));
        EXPECTED.put("update-error-null-state.json", new Expectation(400, r -> r.assertError(400, "Invalid State at LoyaltyMembershipUpdates[0].State")));
        EXPECTED.put("delete.json", new Expectation(200, r -> assertEquals("{}", r.body())));
        EXPECTED.put("delete-error-no-chain.json", new Expectation(400, r -> r.assertError(400, "Invalid ChainId")));
        EXPECTED.put("getAll-error-count.json", new Expectation(400, r -> r.assertError(400, "Invalid Count at Limitation.Count")));
        EXPECTED.put("add-error-missing-account.json", new Expectation(400, r -> r.assertError(400, "Invalid AccountId at LoyaltyMemberships[0].AccountId")));
    }

    private static TestApi api;

    @BeforeAll
    static void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
        DemoMemberships.seed(dynamoDb, api.tableName);
    }

    @Test
    void everyEventFileHasAnExpectation() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            Set<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).collect(Collectors.toSet());
            assertEquals(EXPECTED.keySet(), names);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachEventThroughItsHandler() {
        var serializer = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader());
        return EXPECTED.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            APIGatewayV2HTTPEvent event;
            try (InputStream in = Files.newInputStream(EVENTS.resolve(entry.getKey()))) {
                event = serializer.fromJson(in);
            }
            APIGatewayV2HTTPResponse raw = api.router.route(event);
            Response response = OpenApi.get().conforming("POST", event.getRawPath(), new Response(raw.getStatusCode(), raw.getHeaders(), raw.getBody()));
            assertEquals(entry.getValue().status(), response.status(), response.body());
            entry.getValue().check().accept(response);
        }));
    }
}
