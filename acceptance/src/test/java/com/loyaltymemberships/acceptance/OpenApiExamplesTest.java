package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.local.DemoMemberships;
import com.loyaltymemberships.local.DemoTokens;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every example of openapi.yaml is an answer the service gives. Each request example is sent, on a fresh table seeded with
 * what it needs, and gets the response example of the same name: its status and its body's shape (the same properties in
 * the same order, each value of the same JSON type, lists empty or not alike). Each error example is produced by a request
 * made for it, and its message is the service's own, word for word. A new example that no test sends fails the build.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class OpenApiExamplesTest {

    private static final OpenApi API = OpenApi.get();
    private static final UUID OTHER_DOCUMENTED_ID = DemoMemberships.OTHER_EXAMPLE_ID;

    /** A request example and the response example of the same name. */
    private record Pair(Operation<?, ?> operation, String name, JsonNode request, int status, JsonNode answer) {}

    /** An error example of components/responses, and the request made to produce it. */
    private record ErrorCase(String response, String example, Function<DynamoDbEngine, Response> produce) {}

    @TestFactory
    Stream<DynamicTest> everyRequestExampleGetsTheAnswerOfItsResponseExample(DynamoDbEngine engine) {
        return pairs().stream()
                .map(pair -> DynamicTest.dynamicTest(pair.operation().operationName() + " " + pair.name(), () -> {
                    try (DynamoDbClient client = engine.newClient()) {
                        TestApi api = TestApi.create(client);
                        seedFor(pair.operation(), api);
                        Response answer = api.post(pair.operation().operationName(), (ObjectNode) pair.request());
                        assertEquals(pair.status(), answer.status(), answer.body());
                        assertSameShape(pair.answer(), answer.json(), "");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyErrorExampleIsAnAnswerOfTheService(DynamoDbEngine engine) {
        return errorCases().stream()
                .map(error -> DynamicTest.dynamicTest(error.response() + " " + error.example(), () -> {
                    String pointer = OpenApi.pointer("components", "responses", error.response());
                    JsonNode example = API.document()
                            .at(pointer + "/content/application~1json/examples/" + error.example() + "/value");
                    assertTrue(example.isObject(), pointer + " has the example " + error.example());
                    Response answer = error.produce().apply(engine);
                    assertEquals(statusOf(error.response()), answer.status(), answer.body());
                    assertSameShape(example, answer.json(), "");
                    assertEquals(
                            withoutNumbers(example.get("Message").asText()),
                            withoutNumbers(answer.json().get("Message").asText()));
                }));
    }

    /** Both factories above together send every media-type example of the document, so none can go unchecked. */
    @Test
    void everyExampleOfTheDocumentIsSent() {
        TreeSet<String> documented = new TreeSet<>();
        examplesUnder("", API.document(), documented);
        TreeSet<String> sent = new TreeSet<>();
        for (Pair pair : pairs()) {
            String operation = API.operations().get(pair.operation().operationName());
            sent.add(operation + "/requestBody/content/application~1json/examples/" + pair.name());
            sent.add(operation + "/responses/" + pair.status() + "/content/application~1json/examples/" + pair.name());
        }
        errorCases()
                .forEach(e -> sent.add(OpenApi.pointer(
                        "components",
                        "responses",
                        e.response(),
                        "content",
                        "application/json",
                        "examples",
                        e.example())));
        // Answers whose example is shown but no request example asks for: produced by the getAll and delete factories'
        // seeds.
        sent.add(API.operations().get("getAll") + "/responses/200/content/application~1json/examples/emptyPage");
        assertEquals(documented, sent);
    }

    @Test
    void anEmptyPageIsTheEmptyPageExample(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        ObjectNode everything = (ObjectNode) requestExample(Operations.GET_ALL, "everything");
        Response answer = api.post("getAll", everything);
        JsonNode example = API.document()
                .at(API.operations().get("getAll")
                        + "/responses/200/content/application~1json/examples/emptyPage/value");
        assertEquals(example, answer.json(), "on an empty table");
    }

    // ---- the pairs and the error cases ----------------------------------------------------------

    private static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Operation<?, ?> operation : Operations.ALL) {
            String pointer = API.operations().get(operation.operationName());
            JsonNode examples = API.document().at(pointer + "/requestBody/content/application~1json/examples");
            examples.properties().forEach(example -> {
                Map<Integer, JsonNode> answers = new LinkedHashMap<>();
                API.document().at(pointer + "/responses").properties().forEach(response -> {
                    JsonNode answer = API.document()
                            .at(API.dereference(pointer + "/responses/" + response.getKey())
                                    + "/content/application~1json/examples/" + example.getKey() + "/value");
                    if (!answer.isMissingNode()) {
                        answers.put(Integer.parseInt(response.getKey()), answer);
                    }
                });
                assertEquals(
                        1,
                        answers.size(),
                        operation.operationName() + " request example " + example.getKey()
                                + " has one response example of the same name: " + answers.keySet());
                Map.Entry<Integer, JsonNode> answer =
                        answers.entrySet().iterator().next();
                pairs.add(new Pair(
                        operation,
                        example.getKey(),
                        example.getValue().get("value"),
                        answer.getKey(),
                        answer.getValue()));
            });
        }
        return pairs;
    }

    private static List<ErrorCase> errorCases() {
        return List.of(
                new ErrorCase(
                        "BadRequest",
                        "missingProperty",
                        engine -> withApi(engine, (api, faults) -> {
                            ObjectNode add = (ObjectNode) requestExample(Operations.ADD, "documented");
                            ((ObjectNode) add.get("LoyaltyMemberships").get(0)).remove("AccountId");
                            return api.post("add", add);
                        })),
                new ErrorCase(
                        "BadRequest",
                        "count",
                        engine -> withApi(
                                engine,
                                (api, faults) -> api.post(
                                        "getAll",
                                        ExampleRequest.event("getAll-error-count.json")
                                                .json()))),
                new ErrorCase(
                        "Unauthorized",
                        "tokens",
                        engine -> withApi(
                                engine,
                                (api, faults) -> api.post(
                                        "getAll",
                                        ((ObjectNode) requestExample(Operations.GET_ALL, "everything"))
                                                .put("AccessToken", "not-a-token")))),
                new ErrorCase(
                        "NotFound",
                        "notFound",
                        engine -> withApi(
                                engine,
                                (api, faults) -> api.post(
                                        "getall", (ObjectNode) requestExample(Operations.GET_ALL, "everything")))),
                new ErrorCase(
                        "Conflict",
                        "conflict",
                        engine -> withApi(engine, (api, faults) -> {
                            DemoMemberships.seed(api.dynamoDb, api.tableName);
                            faults.conflictOnEveryWrite = true; // another writer wins every attempt
                            return api.post("update", (ObjectNode) requestExample(Operations.UPDATE, "documented"));
                        })),
                new ErrorCase(
                        "PayloadTooLarge",
                        "tooLarge",
                        engine -> withApi(
                                engine,
                                (api, faults) -> api.post(
                                        "add",
                                        Map.of("content-type", "application/json"),
                                        "{\"x\":\"" + "a".repeat(6 * 1024 * 1024) + "\"}"))),
                new ErrorCase(
                        "TooManyRequests",
                        "tooMany",
                        engine -> withApi(engine, (api, faults) -> {
                            TestApi limited = api.withRateLimit(1, 30);
                            ObjectNode everything = (ObjectNode) requestExample(Operations.GET_ALL, "everything");
                            assertEquals(200, limited.post("getAll", everything).status());
                            return limited.post("getAll", everything);
                        })),
                new ErrorCase(
                        "InternalServerError",
                        "unexpected",
                        engine -> withApi(engine, (api, faults) -> {
                            faults.failQueries = true;
                            return api.post("getAll", (ObjectNode) requestExample(Operations.GET_ALL, "everything"));
                        })),
                new ErrorCase(
                        "ServiceUnavailable",
                        "busy",
                        engine -> withApi(engine, (api, faults) -> {
                            faults.throttleAuthentication =
                                    true; // DynamoDB throttles the token's UpdateItem, retries and all
                            return api.post("getAll", (ObjectNode) requestExample(Operations.GET_ALL, "everything"));
                        })),
                new ErrorCase(
                        "ServiceUnavailable",
                        "outOfTime",
                        engine -> withApi(
                                engine,
                                (api, faults) -> api.send(
                                        "POST",
                                        Operation.BASE_PATH + "getAll",
                                        Map.of("content-type", "application/json"),
                                        requestExample(Operations.GET_ALL, "everything")
                                                .toString()
                                                .getBytes(StandardCharsets.UTF_8),
                                        5_000))));
    }

    /** Injects what no request can cause on a healthy engine: a writer that wins every race, a failing query, throttling. */
    private static final class Faults implements ExecutionInterceptor {
        volatile boolean conflictOnEveryWrite;
        volatile boolean failQueries;
        volatile boolean throttleAuthentication;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (conflictOnEveryWrite && context.request() instanceof TransactWriteItemsRequest) {
                throw TransactionCanceledException.builder()
                        .message("injected: another writer changed the item")
                        .cancellationReasons(CancellationReason.builder()
                                .code("ConditionalCheckFailed")
                                .build())
                        .build();
            }
            // A membership written alone is a conditional PutItem: its condition fails instead.
            if (conflictOnEveryWrite
                    && context.request() instanceof PutItemRequest put
                    && put.item().get("PK").s().startsWith("MEMBERSHIP#")) {
                throw ConditionalCheckFailedException.builder()
                        .message("injected: another writer changed the item")
                        .build();
            }
            if (throttleAuthentication && context.request() instanceof UpdateItemRequest) {
                throw ProvisionedThroughputExceededException.builder()
                        .message("injected: throttled")
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ProvisionedThroughputExceededException")
                                .build())
                        .build();
            }
            if (failQueries && context.request() instanceof QueryRequest) {
                throw new IllegalStateException("injected failure of a query");
            }
        }
    }

    private interface Scenario {
        Response run(TestApi api, Faults faults);
    }

    private static Response withApi(DynamoDbEngine engine, Scenario scenario) {
        Faults faults = new Faults();
        try (DynamoDbClient client = engine.newClient(faults)) {
            return scenario.run(TestApi.create(client), faults);
        }
    }

    // ---- seeds ----------------------------------------------------------------------------------

    /**
     * The writes' examples name the memberships that the local server seeds, as they are seeded there. getAll's documented
     * example filters on everything (chains, both time windows in October 2022, Ids, accounts, programs, states, numbers,
     * provider Ids), so its seed is a membership that matches all of it, one beside it of the same account that does not
     * (state New), and one made through add, which the Cursor of the nextPage example (the documented Id) comes before.
     */
    private static void seedFor(Operation<?, ?> operation, TestApi api) {
        if (operation != Operations.GET_ALL) {
            DemoMemberships.seed(api.dynamoDb, api.tableName);
            return;
        }
        UUID account = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
        UUID program = UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5");
        Instant october = Instant.parse("2022-10-17T09:30:00Z");
        DemoMemberships.store(
                api.dynamoDb,
                api.tableName,
                documented(DemoMemberships.EXAMPLE_ID, account, program, MembershipState.ENROLLED, october));
        DemoMemberships.store(
                api.dynamoDb,
                api.tableName,
                documented(
                        OTHER_DOCUMENTED_ID, account, program, MembershipState.NEW, october.minus(Duration.ofDays(1))));
        ObjectNode add = (ObjectNode) requestExample(Operations.ADD, "documented");
        ((ObjectNode) add.get("LoyaltyMemberships").get(0))
                .put("AccountId", UUID.randomUUID().toString());
        // The add answers ProviderMembershipId null (only update sets it): set it, as the examples show one.
        String id = api.post("add", add).memberships().get(0).get("Id").asText();
        ObjectNode update = TestApi.body(DemoTokens.CHAIN_A_ACCESS_TOKEN);
        update.set(
                "LoyaltyMembershipUpdates",
                TestApi.array(TestApi.JSON
                        .createObjectNode()
                        .put("LoyaltyMembershipId", id)
                        .set("ProviderMembershipId", TestApi.wrapped("PRV-MBR-1177QWER"))));
        assertEquals(200, api.post("update", update).status());
    }

    private static Membership documented(UUID id, UUID account, UUID program, MembershipState state, Instant at) {
        return new Membership(
                id,
                CHAIN_A,
                account,
                program,
                state,
                false,
                Optional.of("PRV-MBR-9842XKLT"),
                Optional.of("MBR-2025-AX49ZT73"),
                Optional.of(22),
                Optional.of(Instant.parse("2029-11-04T13:00:00Z")),
                Optional.of("https://rewards.example.com/member/PRV-MBR-9842XKLT"),
                Optional.of(UUID.fromString("69eedfd2-6f25-42fc-b3c8-39df70f85e37")),
                Profile.INTEGRATION,
                Profile.INTEGRATION,
                at,
                at,
                ActivityState.ACTIVE,
                1,
                Optional.empty());
    }

    // ---- comparing ------------------------------------------------------------------------------

    private static JsonNode requestExample(Operation<?, ?> operation, String name) {
        return API.document()
                .at(API.operations().get(operation.operationName()) + "/requestBody/content/application~1json/examples/"
                        + name + "/value")
                .deepCopy();
    }

    /** The same properties in the same order, values of the same JSON type, and lists alike in being empty or not. */
    static void assertSameShape(JsonNode expected, JsonNode actual, String path) {
        assertEquals(
                expected.getNodeType(),
                actual.getNodeType(),
                "the type at " + (path.isEmpty() ? "the top" : path) + ": " + actual);
        if (expected.isObject()) {
            assertEquals(
                    OpenApiTest.names(expected, new ArrayList<>()),
                    OpenApiTest.names(actual, new ArrayList<>()),
                    "the properties at " + (path.isEmpty() ? "the top" : path));
            expected.properties()
                    .forEach(p -> assertSameShape(p.getValue(), actual.get(p.getKey()), path + "/" + p.getKey()));
        } else if (expected.isArray()) {
            assertEquals(expected.isEmpty(), actual.isEmpty(), "empty or not at " + path + ": " + actual);
            for (int i = 0; i < actual.size(); i++) {
                assertSameShape(expected.get(0), actual.get(i), path + "/" + i);
            }
        }
    }

    /** "Retry after 7 seconds" and "at most 200 requests" depend on the moment and the deployment, not on the wording. */
    private static String withoutNumbers(String message) {
        return message.replaceAll("[0-9]+", "N");
    }

    private static int statusOf(String response) {
        return switch (response) {
            case "BadRequest" -> 400;
            case "Unauthorized" -> 401;
            case "NotFound" -> 404;
            case "Conflict" -> 409;
            case "PayloadTooLarge" -> 413;
            case "TooManyRequests" -> 429;
            case "InternalServerError" -> 500;
            case "ServiceUnavailable" -> 503;
            default -> throw new IllegalArgumentException(response);
        };
    }

    /** The JSON pointers of every media-type example ({@code .../content/{type}/examples/{name}}) in the document. */
    private static void examplesUnder(String pointer, JsonNode node, TreeSet<String> found) {
        if (pointer.endsWith("/content/application~1json") && node.has("examples")) {
            node.get("examples").fieldNames().forEachRemaining(name -> found.add(pointer + "/examples/" + name));
        }
        if (node.isContainerNode()) {
            if (node.isObject()) {
                node.properties()
                        .forEach(p -> examplesUnder(
                                pointer + "/" + p.getKey().replace("~", "~0").replace("/", "~1"), p.getValue(), found));
            }
        }
    }
}
