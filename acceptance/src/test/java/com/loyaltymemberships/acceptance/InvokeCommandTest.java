package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code java -jar local/target/loyalty-local.jar invoke <FunctionLogicalId> <event-file>}, for real:
 * every events/ file through its function's deployment jar in a JVM of its own under the Lambda runtime interface
 * client, answering as {@link EventsTest} expects; and the exit statuses for a failed function and bad arguments.
 * All invocations share the test run's engine (through {@code DYNAMODB_ENDPOINT}), so none starts one of its own.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class InvokeCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Path JAR = ROOT.resolve("local/target/loyalty-local.jar");
    private static final List<String> FUNCTIONS =
            Operations.ALL.stream().map(Operation::functionName).toList();

    @TempDir
    Path temp;

    /** What one run of the command printed, and its exit status. */
    private record Run(int status, String stdout, String stderr) {}

    /** Runs the command in the project's root, as the README does. */
    private Run invoke(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by `mvn package` (the README's test command runs it)");
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(), "invoke"));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(temp, "stdout", ".txt");
        Path stderr = Files.createTempFile(temp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove(DynamoDbEngine.ENGINE_SETTING);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "invoke " + String.join(" ", args) + " did not finish within 120 s:\n" + Files.readString(stderr));
        }
        return new Run(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** The engine of the test run and a table of its own, which the first invocation creates. */
    private static Map<String, String> sharedEngine(DynamoDbEngine engine, String table) {
        return Map.of(DynamoDbEngine.ENDPOINT_SETTING, engine.endpoint().toString(), "TABLE_NAME", table);
    }

    /** getAll-error-count.json is for GetAllFunction. */
    private static String functionOf(String eventFile) {
        String operation = eventFile.split("[-.]")[0];
        return Character.toUpperCase(operation.charAt(0)) + operation.substring(1) + "Function";
    }

    @TestFactory
    Stream<DynamicTest> everyEventAnswersThroughItsFunctionUnderTheLambdaRuntime(DynamoDbEngine engine) {
        Map<String, String> environment = sharedEngine(engine, TableNames.unique("invoke"));
        return EventsTest.EXPECTED.entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
                    String file = entry.getKey();
                    Run run = invoke(environment, functionOf(file), "events/" + file);
                    assertEquals(0, run.status(), run.stderr());
                    // stdout is the function's answer and nothing else: the APIGatewayV2HTTPResponse JSON.
                    String path = TestApi.JSON
                            .readTree(EventsTest.EVENTS.resolve(file).toFile())
                            .get("rawPath")
                            .asText();
                    Response response = OpenApi.get()
                            .conforming("POST", path, Response.ofLambdaAnswer(TestApi.JSON.readTree(run.stdout())));
                    int status = response.status();
                    assertEquals(
                            file.contains("-error-"),
                            status >= 400 && status < 500,
                            "2xx for the samples, 4xx for the error samples: " + status);
                    assertEquals(entry.getValue().status(), status, response.body());
                    entry.getValue().check().accept(response);
                }));
    }

    /** SPEC §11 through invoke: two runs of a keyed add, each in its own function JVM; the second is the first's answer. */
    @Test
    void aKeyedAddInvokedTwiceRunsOnce(DynamoDbEngine engine) throws Exception {
        ObjectNode event = (ObjectNode)
                TestApi.JSON.readTree(EventsTest.EVENTS.resolve("add.json").toFile());
        ((ObjectNode) event.get("headers")).put("idempotency-key", "invoke-1");
        Path keyed = Files.writeString(temp.resolve("add-keyed.json"), event.toString());
        Map<String, String> environment = sharedEngine(engine, TableNames.unique("invoke"));
        JsonNode first = TestApi.JSON.readTree(
                invoke(environment, "AddFunction", keyed.toString()).stdout());
        JsonNode retry = TestApi.JSON.readTree(
                invoke(environment, "AddFunction", keyed.toString()).stdout());
        assertEquals(200, retry.get("statusCode").asInt(), retry.toString());
        assertEquals(first.get("body").textValue(), retry.get("body").textValue());
        assertEquals("true", retry.get("headers").get("Idempotent-Replayed").asText());
    }

    /** The API functions decode their events themselves: an event that is none is a Mews-style 400, not a failure. */
    @Test
    void anEventThatIsNoHttpApiEventIsA400(DynamoDbEngine engine) throws Exception {
        Path notJson = Files.writeString(temp.resolve("not-json.json"), "not json");
        Run run = invoke(sharedEngine(engine, TableNames.unique("invoke")), "AddFunction", notJson.toString());
        assertEquals(0, run.status(), run.stderr());
        Response.ofLambdaAnswer(TestApi.JSON.readTree(run.stdout()))
                .assertError(
                        400,
                        "Invalid request: the Lambda event is not an API Gateway HTTP API (payload format 2.0) event.");
    }

    /**
     * Issue 15: the change events' consumer under the Lambda runtime, with the sample stream event: it puts the
     * sample's two events on a bus of the local engine and answers a partial batch response with no failure.
     */
    @Test
    void theChangeEventsConsumerTakesTheSampleStreamEvent(DynamoDbEngine engine) throws Exception {
        Run run = invoke(
                sharedEngine(engine, TableNames.unique("invoke")), "ChangesFunction", "events/stream/changes.json");
        assertEquals(0, run.status(), run.stderr());
        assertEquals(
                "{\"batchItemFailures\":[]}",
                TestApi.JSON.readTree(run.stdout()).toString());
        assertTrue(run.stderr().contains("Events bus: loyalty-memberships-local"), run.stderr());
    }

    /** The recovery function's event is decoded by the runtime: one it cannot read fails the invocation. */
    @Test
    void aFunctionThatFailsExitsWith1AndPrintsTheRuntimesError(DynamoDbEngine engine) throws Exception {
        Path notJson = Files.writeString(temp.resolve("not-json.json"), "not json");
        Run run = invoke(sharedEngine(engine, TableNames.unique("invoke")), "RecoveryFunction", notJson.toString());
        assertEquals(1, run.status(), run.stderr());
        assertTrue(
                TestApi.JSON.readTree(run.stdout()).has("errorMessage"),
                "the runtime's error, as sam local invoke prints it: " + run.stdout());
        assertTrue(run.stderr().contains("RecoveryFunction failed"), run.stderr());
    }

    @Test
    void anUnknownFunctionExitsWith2AndNamesTheTemplatesFunctions() throws Exception {
        Run run = invoke(Map.of(), "NoSuchFunction", "events/add.json");
        assertEquals(2, run.status(), run.stderr());
        assertEquals("", run.stdout());
        FUNCTIONS.forEach(function -> assertTrue(run.stderr().contains(function), run.stderr()));
        EventsTest.EXPECTED.keySet().forEach(event -> assertTrue(run.stderr().contains(event), run.stderr()));
    }

    @Test
    void aMissingEventFileExitsWith2AndNamesTheEvents() throws Exception {
        Run run = invoke(Map.of(), "AddFunction", "events/no-such-event.json");
        assertEquals(2, run.status(), run.stderr());
        EventsTest.EXPECTED.keySet().forEach(event -> assertTrue(run.stderr().contains(event), run.stderr()));
        FUNCTIONS.forEach(function -> assertTrue(run.stderr().contains(function), run.stderr()));
    }

    @Test
    void missingArgumentsExitWith2AndShowTheUsageTheFunctionsAndTheEvents() throws Exception {
        Run run = invoke(Map.of(), "AddFunction");
        assertEquals(2, run.status(), run.stderr());
        assertTrue(
                run.stderr()
                        .startsWith(
                                "Usage: java -jar local/target/loyalty-local.jar invoke <FunctionLogicalId> <event-file>"),
                run.stderr());
        FUNCTIONS.forEach(function -> assertTrue(run.stderr().contains(function), run.stderr()));
        EventsTest.EXPECTED.keySet().forEach(event -> assertTrue(run.stderr().contains(event), run.stderr()));
    }
}
