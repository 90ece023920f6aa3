package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.LocalServerProcess;
import com.loyaltymemberships.devkit.TableNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The README's run command, for real: {@code java -jar local/target/loyalty-local.jar} in its own process,
 * spoken to over HTTP with the documented examples, then stopped with Ctrl-C (SIGINT).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class LocalServerJarTest {

    private static final Path JAR = LocalServerProcess.jar(Path.of(System.getProperty("project.root", "..")));
    private static final Pattern MOTO = Pattern.compile("moto_server \\S+ on http://127\\.0\\.0\\.1:(\\d+)");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A real HTTP request to the jar; the answer must conform to openapi.yaml like every other. */
    private Response post(LocalServerProcess server, String operation, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        String path = "/api/connector/v1/loyaltyMemberships/" + operation;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> responseHeaders = new HashMap<>();
        response.headers().map().forEach((name, values) -> responseHeaders.put(name, values.get(0)));
        return OpenApi.get()
                .conforming(
                        "POST",
                        path,
                        new Response(
                                response.statusCode(),
                                responseHeaders,
                                response.body().isEmpty() ? null : response.body()));
    }

    private Response post(LocalServerProcess server, String operation, ObjectNode body)
            throws IOException, InterruptedException {
        return post(server, operation, Map.of("Content-Type", "application/json"), body.toString());
    }

    /** The body of a documented example, from the events/ file that carries it. */
    private static ObjectNode example(String file) throws IOException {
        JsonNode event = TestApi.JSON.readTree(EventsTest.EVENTS.resolve(file).toFile());
        return (ObjectNode) TestApi.JSON.readTree(event.get("body").asText());
    }

    private static void stopWithCtrlC(LocalServerProcess server) throws IOException, InterruptedException {
        assertTrue(server.stopWithCtrlC(), "stops on Ctrl-C");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void startsItsOwnEngineServesTheDocumentedExamplesAndStopsEverythingOnCtrlC() throws Exception {
        LocalServerProcess server = LocalServerProcess.start(JAR, Map.of());
        try {
            String engineLine = server.output().stream()
                    .filter(l -> l.startsWith("DynamoDB: "))
                    .findFirst()
                    .orElseThrow();
            assertEquals(200, post(server, "getAll", example("getAll.json")).status());

            JsonNode added =
                    post(server, "add", example("add.json")).memberships().get(0);
            String id = added.get("Id").asText();
            assertEquals(
                    "3fa85f64-5717-4562-b3fc-2c963f66afa6", added.get("ChainId").asText());

            ObjectNode update = example("update.json");
            ((ObjectNode) update.get("LoyaltyMembershipUpdates").get(0)).put("LoyaltyMembershipId", id);
            JsonNode updated = post(server, "update", update).memberships().get(0);
            assertEquals("Canceled", updated.get("State").asText());
            assertEquals(42, updated.get("Points").asInt());

            ObjectNode delete = example("delete.json");
            delete.set("LoyaltyMembershipIds", TestApi.array(id));
            Response deleted = post(server, "delete", delete);
            assertEquals(200, deleted.status());
            assertEquals("{}", deleted.body());

            ObjectNode page = TestApi.body(CHAIN_A_ACCESS_TOKEN);
            page.set("Limitation", TestApi.limitation(10));
            Response minimal = post(
                    server,
                    "getAll",
                    Map.of("Content-Type", "application/json", "Prefer", "return=minimal"),
                    page.toString());
            assertEquals(204, minimal.status());
            assertTrue(minimal.header("Request-Id").isPresent());

            Response notFound = post(server, "getall", page);
            notFound.assertError(404, "Not found");

            String large = "{\"x\":\"" + "a".repeat(6 * 1024 * 1024) + "\"}";
            post(server, "add", Map.of("Content-Type", "application/json"), large)
                    .assertError(413, "The request body is larger");

            // SPEC §11 over real HTTP: the retry of a keyed add gets the first answer, and nothing is added twice.
            Map<String, String> keyed = Map.of("Content-Type", "application/json", "Idempotency-Key", "local-1");
            Response first = post(server, "add", keyed, example("add.json").toString());
            Response retry = post(server, "add", keyed, example("add.json").toString());
            assertEquals(200, retry.status(), retry.body());
            assertEquals(first.body(), retry.body());
            assertEquals("true", retry.header("Idempotent-Replayed").orElseThrow());

            Matcher moto = MOTO.matcher(engineLine);
            stopWithCtrlC(server);
            if (moto.find()) {
                assertFalse(accepts(Integer.parseInt(moto.group(1))), "the moto_server it started is stopped too");
            }
            assertFalse(accepts(server.port()));
        } finally {
            server.close();
        }
    }

    @Test
    void usesDynamoDbEndpointWhenSetAndSeedsTheDemoTokensThere(DynamoDbEngine engine, DynamoDbClient dynamoDb)
            throws Exception {
        String table = TableNames.unique("jar");
        LocalServerProcess server = LocalServerProcess.start(
                JAR, Map.of("DYNAMODB_ENDPOINT", engine.endpoint().toString(), "TABLE_NAME", table));
        try {
            assertTrue(
                    server.output().contains("DynamoDB: DYNAMODB_ENDPOINT " + engine.endpoint() + ", table " + table),
                    server.output().toString());
            ObjectNode add = TestApi.body(CHAIN_C_ACCESS_TOKEN);
            add.set("LoyaltyMemberships", TestApi.array(TestApi.item(UUID.randomUUID(), UUID.randomUUID(), false)));
            assertEquals(200, post(server, "add", add).status(), "the demo tokens are in the table it created there");
            assertEquals(
                    table,
                    dynamoDb.describeTable(b -> b.tableName(table)).table().tableName());
            stopWithCtrlC(server);
            assertTrue(accepts(engine.endpoint().getPort()), "an engine it did not start keeps running");
        } finally {
            server.close();
        }
    }
}
