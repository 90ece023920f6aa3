package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.Fanout;
import com.loyaltymemberships.dynamodb.MembershipRepository;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.ChangeSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
    private static final String EXAMPLE_ID = "905a4489-0960-4ac9-96ec-793f47365c92";
    private static final String OTHER_EXAMPLE_ID = "ac48674e-58a2-43d6-a02b-9ead0b213b17";

    private record Expectation(int status, Consumer<Response> check) {}

    /** In the order they run: the update and delete examples act on the seeded memberships. */
    private static final Map<String, Expectation> EXPECTED = new LinkedHashMap<>();

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
            assertEquals(EXAMPLE_ID, m.get("Id").asText());
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
        MembershipRepository repository = new MembershipRepository(new DynamoDbTables(dynamoDb, api.tableName), new Fanout(1),
                new JsonLog(TestApi.JSON, System.out, Clock.systemUTC()));
        Instant now = Instant.now();
        for (String id : List.of(EXAMPLE_ID, OTHER_EXAMPLE_ID)) {
            Membership m = new Membership(UUID.fromString(id), CHAIN_A, UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d"),
                    UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5"), MembershipState.NEW, false, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Profile.INTEGRATION, Profile.INTEGRATION,
                    now, now, ActivityState.ACTIVE, 1);
            repository.commit(new ChangeSet(List.of(new ChangeSet.Group(List.of(new ChangeSet.MembershipWrite(Optional.empty(), m)), List.of()))));
        }
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
