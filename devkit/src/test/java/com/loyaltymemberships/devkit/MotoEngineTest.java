package com.loyaltymemberships.devkit;

import static com.loyaltymemberships.devkit.TestTables.key;
import static com.loyaltymemberships.devkit.TestTables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
class MotoEngineTest {
    @Test
    void forcedMotoServesTablesAndStopsOnClose() throws IOException {
        DynamoDbEngine engine;
        String previous = System.setProperty(DynamoDbEngine.ENGINE_SETTING, "moto");
        try {
            engine = DynamoDbEngine.start();
        } finally {
            restore(DynamoDbEngine.ENGINE_SETTING, previous);
        }
        URI endpoint = engine.endpoint();
        try (engine) {
            assertTrue(engine.description().matches("moto_server \\d+\\.\\d+\\.\\d+\\S* on http://127\\.0\\.0\\.1:\\d+"),
                    engine.description());
            assertTrue(engine.description().endsWith(endpoint.toString()));
            assertEquals(200, getStatus(endpoint));
            try (DynamoDbClient dynamo = engine.newClient()) {
                String table = TestTables.create(dynamo, "moto");
                Map<String, AttributeValue> item = new HashMap<>(key("p", "s"));
                item.put("name", s("Ada"));
                dynamo.putItem(request -> request.tableName(table).item(item));

                assertEquals(item, dynamo.getItem(request -> request.tableName(table).key(key("p", "s"))).item());
            }
        }

        assertFalse(accepts(endpoint), "moto_server still listens on " + endpoint + " after close()");
        engine.close();
        assertThrows(IllegalStateException.class, engine::newClient);
    }

    @Test
    void closeStopsEveryProcessItStarted() {
        Set<ProcessHandle> before = children();
        DynamoDbEngine engine = DynamoDbEngine.startMoto();
        Set<ProcessHandle> started = children();
        started.removeAll(before);
        started.addAll(started.stream().flatMap(ProcessHandle::descendants).collect(Collectors.toSet()));
        assertFalse(started.isEmpty());

        engine.close();

        assertEquals(List.of(), started.stream().filter(ProcessHandle::isAlive).toList());
    }

    @Test
    void aServerLeftOpenStopsWithTheJvm() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeftOpen.class.getName())
                .redirectErrorStream(true)
                .start();
        // moto's output goes to its log file, so this reads to the end of the JVM alone.
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, jvm.waitFor(), output);

        URI endpoint = URI.create(output);
        assertEquals("127.0.0.1", endpoint.getHost());
        assertFalse(accepts(endpoint), "moto_server outlived the JVM that started it, on " + endpoint);
    }

    /** Starts moto and exits without closing it: the shutdown hook must stop it. */
    static final class LeftOpen {
        public static void main(String[] args) {
            System.out.println(DynamoDbEngine.startMoto().endpoint());
        }
    }

    @Test
    void aServerThatDiesAtStartupIsReportedWithItsOutput() {
        // Not moto: a Python that prints and exits; the -H and -p arguments land in its sys.argv.
        List<String> dies = List.of("python3", "-c", "import sys; print('cannot bind', sys.argv[1:3]); sys.exit(3)");

        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> MotoServer.start(dies));

        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot bind ['-H', '127.0.0.1']"), e.getMessage());
    }

    private static Set<ProcessHandle> children() {
        return ProcessHandle.current().children().collect(Collectors.toSet());
    }

    static int getStatus(URI endpoint) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    static boolean accepts(URI endpoint) throws IOException {
        try {
            new Socket(endpoint.getHost(), endpoint.getPort()).close();
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
