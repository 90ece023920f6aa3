package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.testing.PingOperation.PING;
import static com.loyaltymemberships.testing.PingOperation.withPing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.local.HttpApiEvents;
import com.loyaltymemberships.local.Router;
import com.loyaltymemberships.local.invoke.CloudFormationYaml;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.OperationHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * docs/ADDING-AN-OPERATION.md, walked: a trivial operation ({@code ping}, in shared's test sources) added to the list
 * of operations is seen by everything that lists them. Each check fails, naming the place, while ping lacks what the
 * guide says to add, and passes once it has it (its template.yaml function, its openapi.yaml path, its sample event,
 * made here as the guide says: from add's). The list itself (Operations.ALL) is final; adding to it is the guide's
 * first step, done here with {@code withPing}.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class AddingAnOperationTest {

    private static final List<Operation<?, ?>> OPERATIONS = withPing(Operations.ALL);
    private static final String PING_PATH = "/api/connector/v1/loyaltyMemberships/ping";

    private static JsonNode template;

    @TempDir
    Path temp;

    @BeforeAll
    static void read() throws IOException {
        template = CloudFormationYaml.read(OperationChecks.ROOT.resolve("template.yaml"));
    }

    @Test
    void theOperationSaysEverythingAboutItselfByItsName() {
        assertEquals(PING_PATH, PING.path());
        assertEquals("PingFunction", PING.functionName());
        assertEquals("com.loyaltymemberships.functions.PingHandler", PING.handlerClass());
        assertEquals("functions/ping/target/ping.jar", PING.jar());
        assertEquals("functions/get-all/target/get-all.jar", Operations.GET_ALL.jar(), "kebab case for the module");
    }

    @Test
    void theRouterServesItAndRefusesAHalfAddedOne(DynamoDbClient dynamoDb) {
        TestApi table = TestApi.create(dynamoDb);
        LoyaltyApi api = LoyaltyApi.create(table.settings, dynamoDb, table.clock);
        List<OperationHandler> handlers = new ArrayList<>(Operations.ALL.stream()
                .map(o -> OperationChecks.handler(o, api))
                .toList());

        IllegalStateException noHandler =
                assertThrows(IllegalStateException.class, () -> new Router(api, OPERATIONS, handlers));
        assertTrue(noHandler.getMessage().contains("No handler for " + PING_PATH), noHandler.getMessage());

        handlers.add(new PingHandler(api));
        IllegalStateException notListed =
                assertThrows(IllegalStateException.class, () -> new Router(api, Operations.ALL, handlers));
        assertTrue(notListed.getMessage().contains("not in the list of operations"), notListed.getMessage());

        Router router = new Router(api, OPERATIONS, handlers);
        ObjectNode body = TestApi.body(CHAIN_A_ACCESS_TOKEN);
        APIGatewayV2HTTPResponse pong = router.route(HttpApiEvents.event(
                "POST",
                PING_PATH,
                null,
                Map.of("content-type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, pong.getStatusCode(), pong.getBody());
        assertEquals("{}", pong.getBody());
        APIGatewayV2HTTPResponse wrongType = router.route(HttpApiEvents.event(
                "POST",
                PING_PATH,
                null,
                Map.of("content-type", "application/json"),
                body.put("Echo", 42).toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, wrongType.getStatusCode(), "its binder: " + wrongType.getBody());
        assertTrue(wrongType.getBody().contains("Invalid Echo: a string is required."), wrongType.getBody());
        APIGatewayV2HTTPResponse tooLong = router.route(HttpApiEvents.event(
                "POST",
                PING_PATH,
                null,
                Map.of("content-type", "application/json"),
                body.put("Echo", "x".repeat(101)).toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, tooLong.getStatusCode(), "its validation: " + tooLong.getBody());
        assertTrue(tooLong.getBody().contains("Invalid Echo: at most 100 characters are allowed."), tooLong.getBody());
        APIGatewayV2HTTPResponse refused = router.route(HttpApiEvents.event(
                "POST", PING_PATH, null, Map.of("content-type", "application/json"), "{}".getBytes()));
        assertEquals(401, refused.getStatusCode(), "the pipeline authenticates it like any other");
    }

    @Test
    void primingPrimesIt(DynamoDbClient dynamoDb) {
        TestApi table = TestApi.create(dynamoDb);
        String log;
        try (CapturedOutput output = new CapturedOutput()) {
            new PingHandler(LoyaltyApi.create(table.settings, dynamoDb, table.clock)).beforeCheckpoint(null);
            log = output.text();
        }
        assertTrue(log.isBlank(), "its made-up request was refused 401, as priming expects: " + log);
    }

    @Test
    void fuzzingSendsIt() {
        byte[] data = {(byte) Operations.ALL.size(), 0, 0, 0, 0, '{', '}'};
        assertEquals(PING_PATH, FuzzInput.of(data, OPERATIONS).path());
        assertEquals(
                Operations.GET_ALL.path(), FuzzInput.of(data, Operations.ALL).path());
    }

    @Test
    void theTemplateCheckWantsItsFunction() {
        assertEquals(
                List.of(
                        "template.yaml has no AWS::Serverless::Function PingFunction for " + PING_PATH,
                        "template.yaml's output ApiUrl says "
                                + template.at("/Outputs/ApiUrl/Description").asText() + ", not "
                                + Operations.ADD.path().replace("add", "{getAll,add,update,delete,ping}")),
                OperationChecks.templateProblems(template, OPERATIONS));
        assertEquals(List.of(), OperationChecks.templateProblems(withPingFunction(), OPERATIONS));
    }

    @Test
    void theNotFoundMessageMustNameIt() {
        String message = ApiException.notFound().getMessage();
        assertEquals(List.of(), OperationChecks.notFoundProblems(message, Operations.ALL));
        assertEquals(1, OperationChecks.notFoundProblems(message, OPERATIONS).size());
        assertEquals(
                List.of(), OperationChecks.notFoundProblems(message.replace("delete}", "delete,ping}"), OPERATIONS));
    }

    @Test
    void theOpenApiCheckWantsItsPath() {
        JsonNode document = OpenApi.get().document();
        assertEquals(
                List.of("openapi.yaml has no POST " + PING_PATH),
                OperationChecks.openApiProblems(document, OPERATIONS));
        ObjectNode documented = document.deepCopy();
        ObjectNode paths = (ObjectNode) documented.get("paths");
        ObjectNode ping = paths.get(Operations.ADD.path()).deepCopy();
        ((ObjectNode) ping.get("post")).put("operationId", "ping");
        paths.set(PING_PATH, ping);
        assertEquals(List.of(), OperationChecks.openApiProblems(documented, OPERATIONS));
    }

    @Test
    void theEventsCheckWantsItsSampleEvent() throws IOException {
        Path events = OperationChecks.ROOT.resolve("events");
        assertEquals(List.of("events/ has no ping.json"), OperationChecks.eventProblems(events, OPERATIONS));
        try (Stream<Path> files = Files.list(events)) {
            for (Path file : files.toList()) {
                Files.copy(file, temp.resolve(file.getFileName()));
            }
        }
        Files.writeString(
                temp.resolve("ping.json"),
                Files.readString(events.resolve("add.json")).replace(Operations.ADD.path(), PING_PATH));
        assertEquals(List.of(), OperationChecks.eventProblems(temp, OPERATIONS));
        Files.writeString(temp.resolve("pong.json"), "{\"rawPath\": \"" + PING_PATH + "\"}");
        assertEquals(
                List.of("events/pong.json is named for no operation"), OperationChecks.eventProblems(temp, OPERATIONS));
    }

    @Test
    void theSamTranslationCheckWantsItsRoute() throws IOException {
        OperationChecks.Translation missing =
                OperationChecks.samTranslation(OperationChecks.ROOT.resolve("template.yaml"), OPERATIONS, false);
        assertNotEquals(0, missing.status(), missing.output());
        assertTrue(missing.output().contains("POST " + PING_PATH), missing.output());

        Path withPing = temp.resolve("template.json");
        Files.writeString(withPing, TestApi.JSON.writeValueAsString(typed(withPingFunction())));
        OperationChecks.Translation added = OperationChecks.samTranslation(withPing, OPERATIONS, false);
        assertEquals(0, added.status(), added.output());
        assertFalse(added.output().contains("!="), added.output());
    }

    /**
     * The template's tree with its plain scalars typed as CloudFormation reads YAML ({@link CloudFormationYaml} keeps
     * every scalar as text): SAM's translator takes only a number or a boolean for some properties (an event source
     * mapping's BisectBatchOnFunctionError, say).
     */
    private static JsonNode typed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), typed(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(typed(element)));
            return copy;
        }
        String text = node.asText();
        if (node.isTextual() && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        if (node.isTextual() && text.matches("-?[0-9]{1,9}")) {
            return IntNode.valueOf(Integer.parseInt(text));
        }
        return node;
    }

    /** template.yaml with PingFunction added as the guide says: add's function, renamed, and named in the output. */
    private static JsonNode withPingFunction() {
        ObjectNode copy = template.deepCopy();
        ObjectNode output = (ObjectNode) copy.at("/Outputs/ApiUrl");
        output.put("Description", output.get("Description").asText().replace("delete}", "delete,ping}"));
        ObjectNode resources = (ObjectNode) copy.get("Resources");
        ObjectNode ping = resources.get(Operations.ADD.functionName()).deepCopy();
        ObjectNode properties = (ObjectNode) ping.get("Properties");
        properties.put("CodeUri", PING.jar()).put("Handler", PING.handlerClass() + "::handleRequest");
        ObjectNode route =
                (ObjectNode) properties.get("Events").elements().next().get("Properties");
        route.put("Path", PING_PATH);
        resources.set(PING.functionName(), ping);
        return copy;
    }

    /** Ping's function module, as the guide has a newcomer write it: one constructor naming the operation. */
    static final class PingHandler extends OperationHandler {
        PingHandler(LoyaltyApi api) {
            super(PING, api);
        }
    }
}
