package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.functions.RecoveryHandler;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * template.yaml against the code: routes, handlers, artifacts, the table and its indexes, and each
 * function's IAM actions, which must be exactly the DynamoDB actions that function is seen to perform
 * (recorded from the SDK while its operation runs every path, failures and undo included).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class TemplateDriftTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static JsonNode resources;

    @BeforeAll
    static void read() throws IOException {
        resources = new YAMLMapper().readTree(ROOT.resolve("template.yaml").toFile()).get("Resources");
    }

    private static Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new HashMap<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue().get("Properties"));
            }
        });
        return found;
    }

    /** A function resource of the template and its handler, instantiated on the test's service. */
    private record Function(JsonNode resource, OperationHandler<?, ?> handler) {}

    /** The function whose handler serves each operation. */
    private static Map<Operation, Function> functionsByOperation(LoyaltyApi api) throws ReflectiveOperationException {
        Map<Operation, Function> byOperation = new HashMap<>();
        for (JsonNode function : ofType("AWS::Serverless::Function").values()) {
            String handler = function.get("Handler").asText();
            assertTrue(handler.endsWith("::handleRequest"), handler);
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            if (!OperationHandler.class.isAssignableFrom(type)) {
                continue;
            }
            OperationHandler<?, ?> instance = (OperationHandler<?, ?>) type.getConstructor(LoyaltyApi.class).newInstance(api);
            assertEquals(null, byOperation.put(instance.operation(), new Function(function, instance)), "one function per operation");
        }
        return byOperation;
    }

    @Test
    void eachOperationHasItsFunctionRouteAndArtifact(DynamoDbClient dynamoDb) throws Exception {
        LoyaltyApi api = LoyaltyApi.create(Settings.fromEnvironment(), dynamoDb, Clock.systemUTC());
        Map<Operation, Function> functions = functionsByOperation(api);
        assertEquals(Set.of(Operation.values()), functions.keySet());
        for (Map.Entry<Operation, Function> entry : functions.entrySet()) {
            JsonNode function = entry.getValue().resource();
            List<JsonNode> events = new ArrayList<>();
            function.get("Events").elements().forEachRemaining(events::add);
            assertEquals(1, events.size(), "exactly one route per function");
            JsonNode route = events.get(0);
            assertEquals("HttpApi", route.get("Type").asText());
            assertEquals("POST", route.get("Properties").get("Method").asText());
            assertEquals(entry.getKey().path(), route.get("Properties").get("Path").asText());
            assertEquals("2.0", route.get("Properties").get("PayloadFormatVersion").asText());

            String module = entry.getKey() == Operation.GET_ALL ? "get-all" : entry.getKey().operationName();
            assertEquals("functions/" + module + "/target/" + module + ".jar", function.get("CodeUri").asText());
            Path jar = ROOT.resolve(function.get("CodeUri").asText());
            assertTrue(Files.isRegularFile(jar), jar + " (built by mvn package)");
            String handlerClass = function.get("Handler").asText().replace("::handleRequest", "").replace('.', '/') + ".class";
            try (JarFile file = new JarFile(jar.toFile())) {
                assertNotNull(file.getEntry(handlerClass), jar + " holds " + handlerClass);
                assertNotNull(file.getEntry("com/loyaltymemberships/pipeline/LoyaltyApi.class"), "and the shared module");
                assertNotNull(file.getEntry("software/amazon/awssdk/services/dynamodb/DynamoDbClient.class"), "and its dependencies");
            }
        }
        assertEquals(Set.of("TABLE_NAME", "RATE_LIMIT_REQUESTS", "RATE_LIMIT_WINDOW_SECONDS"),
                names(new YAMLMapper().readTree(ROOT.resolve("template.yaml").toFile()).get("Globals").get("Function").get("Environment").get("Variables")),
                "the settings the code reads (Settings.java)");
    }

    @Test
    void theTableIsTheOneTheCodeUses() {
        JsonNode table = ofType("AWS::DynamoDB::Table").values().iterator().next();
        CreateTableRequest code = TableDefinition.createTableRequest("any");
        Set<String> attributes = new TreeSet<>();
        table.get("AttributeDefinitions").forEach(a -> attributes.add(a.get("AttributeName").asText() + ":" + a.get("AttributeType").asText()));
        Set<String> codeAttributes = new TreeSet<>();
        for (AttributeDefinition a : code.attributeDefinitions()) {
            codeAttributes.add(a.attributeName() + ":" + a.attributeTypeAsString());
        }
        assertEquals(codeAttributes, attributes);
        assertEquals(keys(code.keySchema()), keys(table.get("KeySchema")));
        Map<String, String> indexes = new HashMap<>();
        table.get("GlobalSecondaryIndexes").forEach(i -> indexes.put(i.get("IndexName").asText(),
                keys(i.get("KeySchema")) + " " + i.get("Projection").get("ProjectionType").asText()));
        Map<String, String> codeIndexes = new HashMap<>();
        for (GlobalSecondaryIndex i : code.globalSecondaryIndexes()) {
            codeIndexes.put(i.indexName(), keys(i.keySchema()) + " " + i.projection().projectionTypeAsString());
        }
        assertEquals(codeIndexes, indexes);
        assertEquals(code.billingModeAsString(), table.get("BillingMode").asText());
        assertEquals(TableDefinition.EXPIRES_AT, table.get("TimeToLiveSpecification").get("AttributeName").asText());
        assertTrue(table.get("TimeToLiveSpecification").get("Enabled").asBoolean());
        assertTrue(table.get("PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled").asBoolean());
        assertTrue(table.get("DeletionProtectionEnabled").asBoolean());
    }

    @Test
    void recoveryRunsEveryMinuteAndIsAFunctionOfItsOwn() {
        JsonNode recovery = recoveryFunction();
        assertEquals("functions/recovery/target/recovery.jar", recovery.get("CodeUri").asText());
        assertTrue(Files.isRegularFile(ROOT.resolve(recovery.get("CodeUri").asText())), "built by mvn package");
        JsonNode schedule = recovery.get("Events").elements().next();
        assertEquals("ScheduleV2", schedule.get("Type").asText());
        assertEquals("rate(1 minute)", schedule.get("Properties").get("ScheduleExpression").asText());
    }

    private static JsonNode recoveryFunction() {
        return ofType("AWS::Serverless::Function").values().stream()
                .filter(f -> f.get("Handler").asText().equals(RecoveryHandler.class.getName() + "::handleRequest"))
                .findFirst().orElseThrow(() -> new AssertionError("no function runs " + RecoveryHandler.class.getName()));
    }

    /** A write of more memberships than one transaction takes: it goes through a journal and holds (ChangeWriter). */
    private static final int LARGE = 120;

    /**
     * Every path of every operation: successes, the primary rule, cursors, Ids, filters, large writes, Idempotency-Keys.
     * Each runs on a recorded service ({@code api}); {@code setup} is the same table through a client that is not recorded.
     */
    private static final Map<Operation, BiConsumer<TestApi, TestApi>> SCENARIOS = Map.of(
            Operation.GET_ALL, (api, setup) -> {
                List<String> ids = TestApi.ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, props()).memberships());
                ObjectNode filtered = props();
                filtered.set("AccountIds", array(UUID.randomUUID()));
                filtered.set("Limitation", limitation(5).put("Cursor", ids.get(0)));
                api.getAll(PORTFOLIO_ACCESS_TOKEN, filtered);
                ObjectNode byId = props();
                byId.set("LoyaltyMembershipIds", array(ids.get(0)));
                api.getAll(PORTFOLIO_ACCESS_TOKEN, byId);
            },
            Operation.ADD, (api, setup) -> {
                UUID account = UUID.randomUUID();
                setup.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(account, UUID.randomUUID(), true));
                api.post("add", addBody(List.of(item(account, UUID.randomUUID(), true))));
            },
            Operation.UPDATE, (api, setup) -> {
                UUID account = UUID.randomUUID();
                String primary = setup.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(account, UUID.randomUUID(), true)).get(0).get("Id").asText();
                api.post("update", updateBody(List.of(primary)));
            },
            Operation.DELETE, (api, setup) -> {
                String primary = setup.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), true)).get(0).get("Id").asText();
                api.post("delete", deleteBody(List.of(primary)));
            });

    /** The body of a write of {@code count} memberships, existing ones made by {@code setup}. */
    private static ObjectNode write(Operation operation, TestApi setup, int count) {
        List<ObjectNode> items = new ArrayList<>();
        UUID account = UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            items.add(item(account, UUID.randomUUID(), i == 0));
        }
        if (operation == Operation.ADD) {
            return addBody(items);
        }
        List<String> ids = TestApi.ids(setup.post("add", addBody(items)).memberships());
        return operation == Operation.UPDATE ? updateBody(ids) : deleteBody(ids);
    }

    private static ObjectNode addBody(List<ObjectNode> items) {
        ObjectNode add = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        add.putArray("LoyaltyMemberships").addAll(items);
        return add;
    }

    private static ObjectNode updateBody(List<String> ids) {
        ObjectNode update = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        ArrayNode updates = update.putArray("LoyaltyMembershipUpdates");
        ids.forEach(id -> updates.add(TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", id).set("IsPrimary", wrapped(false))));
        return update;
    }

    private static ObjectNode deleteBody(List<String> ids) {
        ObjectNode delete = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        delete.set("LoyaltyMembershipIds", array(ids.toArray()));
        return delete;
    }

    /**
     * Each function, on every path it has, must be granted exactly the DynamoDB actions it performs, and each UpdateItem
     * it sends (alone or in a transaction) must fall under a statement whose LeadingKeys and Attributes allow it. Run
     * with the rate limit on (authentication counts the request with an UpdateItem) and off (a GetItem), as both are
     * deployable settings; writes small and large, with and without an Idempotency-Key, failing and cut off; and the
     * recovery function finishing or releasing what was cut off.
     */
    @Test
    void eachFunctionIsGrantedExactlyTheDynamoDbActionsItPerforms(DynamoDbEngine engine) throws Exception {
        ActionRecorder recorder = new ActionRecorder();
        FaultInjector faults = new FaultInjector();
        TestClock clock = new TestClock(Instant.now());
        try (DynamoDbClient client = engine.newClient(recorder, faults); DynamoDbClient unrecorded = engine.newClient()) {
            TestApi limited = TestApi.create(client).withClock(clock);
            TestApi unlimited = limited.withRateLimit(0, Settings.DEFAULT_RATE_WINDOW_SECONDS);
            Map<Operation, Function> functions = functionsByOperation(LoyaltyApi.create(limited.settings, client, clock));
            limited.withClient(unrecorded).add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), true));
            for (Operation operation : Operation.values()) {
                recorder.reset();
                for (TestApi api : List.of(limited, unlimited)) {
                    TestApi setup = api.withClient(unrecorded);
                    SCENARIOS.get(operation).accept(api, setup);
                    if (operation != Operation.GET_ALL) {
                        // Once more, failing after the write was applied: what it wrote is read back.
                        faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.AFTER_APPLYING);
                        SCENARIOS.get(operation).accept(api, setup);
                        faults.reset();
                    }
                }
                if (operation != Operation.GET_ALL) {
                    TestApi setup = limited.withClient(unrecorded);
                    assertEquals(200, limited.post(operation.operationName(), "key-" + operation, write(operation, setup, LARGE)).status());
                    // Refused at its first hold or transaction: the write gives up and releases what it holds.
                    faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
                    limited.post(operation.operationName(), write(operation, setup, LARGE));
                    // A write under a key that fails: the key is let go for a retry.
                    faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
                    limited.post(operation.operationName(), "failing-" + operation, write(operation, setup, 1)).assertError(500, "An unexpected error occurred.");
                    faults.reset();
                }
                // SnapStart priming runs under the function's role too, when a version is published: a refusal fails the publish.
                functions.get(operation).handler().beforeCheckpoint(null);
                assertGranted(operation.operationName(), functions.get(operation).resource().get("Policies").get(0).get("Statement"), recorder);
            }

            // Writes cut off midway (every transaction after the first fails), then recovered once their leases end.
            try (DynamoDbClient cutter = engine.newClient(faults)) {
                RecoveryHandler recovery = new RecoveryHandler(LoyaltyApi.create(limited.settings, client, clock));
                TestApi cutting = limited.withClient(cutter);
                recorder.reset();
                // Past its point of no return: recovery finishes it, reading back a transaction whose answer was lost.
                cutOff(cutting, Operation.ADD, limited.withClient(unrecorded), faults);
                clock.advance(Duration.ofMinutes(5));
                faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.AFTER_APPLYING);
                assertEquals("recovered 1 abandoned writes", recovery.handleRequest(Map.of(), null));
                // Before it: recovery releases the holds; one release fails, and the next run does it.
                cutOff(cutting, Operation.UPDATE, limited.withClient(unrecorded), faults);
                cutOff(cutting, Operation.DELETE, limited.withClient(unrecorded), faults);
                clock.advance(Duration.ofMinutes(5));
                faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
                assertEquals("recovered 1 abandoned writes", recovery.handleRequest(Map.of(), null));
                faults.reset();
                clock.advance(Duration.ofMinutes(5));
                assertEquals("recovered 1 abandoned writes", recovery.handleRequest(Map.of(), null));
                assertEquals("recovered 0 abandoned writes", recovery.handleRequest(Map.of(), null));
            }
            assertGranted("recovery", recoveryFunction().get("Policies").get(0).get("Statement"), recorder);
        }
    }

    /**
     * Sends a large write whose transactions all fail after the first, as if its function died there: an add has then
     * passed its point of no return (503: recovery finishes it); an update or delete still holds its items (500: nothing
     * changed, and recovery releases them).
     */
    private static void cutOff(TestApi api, Operation operation, TestApi setup, FaultInjector faults) {
        ObjectNode write = write(operation, setup, LARGE);
        faults.failFrom(TransactWriteItemsRequest.class, 2);
        if (operation == Operation.ADD) {
            api.post(operation.operationName(), write).assertError(503, "The request could not finish in time.");
        } else {
            api.post(operation.operationName(), write).assertError(500, "An unexpected error occurred.");
        }
        faults.reset();
    }

    private static void assertGranted(String function, JsonNode statements, ActionRecorder recorder) {
        Set<String> granted = new TreeSet<>();
        boolean indexGranted = false;
        for (JsonNode statement : statements) {
            statement.get("Action").forEach(a -> granted.add(a.asText()));
            indexGranted |= statement.get("Resource").toString().contains("/index/*");
        }
        assertEquals(new TreeSet<>(recorder.actions), granted, function + ": the template grants what the function does, no more");
        assertEquals(recorder.queriedIndex, indexGranted, function + ": index access granted exactly when used");
        for (ActionRecorder.Update update : recorder.updates) {
            assertTrue(allows(statements, update), function + ": no statement allows UpdateItem on " + update);
        }
    }

    /** Whether a statement grants this UpdateItem: on its partition (LeadingKeys) and naming only its Attributes. */
    private static boolean allows(JsonNode statements, ActionRecorder.Update update) {
        for (JsonNode statement : statements) {
            if (!statement.get("Action").toString().contains("dynamodb:UpdateItem")) {
                continue;
            }
            JsonNode condition = statement.path("Condition");
            boolean partition = condition.path("ForAllValues:StringLike").path("dynamodb:LeadingKeys").isMissingNode();
            for (JsonNode pattern : condition.path("ForAllValues:StringLike").path("dynamodb:LeadingKeys")) {
                partition |= update.partition().startsWith(pattern.asText().replace("*", ""));
            }
            Set<String> attributes = new HashSet<>();
            condition.path("ForAllValues:StringEquals").path("dynamodb:Attributes").forEach(a -> attributes.add(a.asText()));
            boolean named = attributes.isEmpty() && condition.path("ForAllValues:StringEquals").isMissingNode() || attributes.containsAll(update.attributes());
            if (partition && named) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String keys(JsonNode schema) {
        List<String> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(k.get("AttributeName").asText() + ":" + k.get("KeyType").asText()));
        return String.join(",", keys);
    }

    private static String keys(List<KeySchemaElement> schema) {
        List<String> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(k.attributeName() + ":" + k.keyTypeAsString()));
        return String.join(",", keys);
    }
}
