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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
            assertTrue(
                    engine.description()
                            .matches(
                                    "moto_server \\d+\\.\\d+\\.\\d+\\S* on http://127\\.0\\.0\\.1:\\d+ \\(serialized\\)"),
                    engine.description());
            assertTrue(engine.description().endsWith(endpoint + " (serialized)"));
            assertEquals(200, getStatus(endpoint));
            try (DynamoDbClient dynamo = engine.newClient()) {
                String table = TestTables.create(dynamo, "moto");
                Map<String, AttributeValue> item = new HashMap<>(key("p", "s"));
                item.put("name", s("Ada"));
                dynamo.putItem(request -> request.tableName(table).item(item));

                assertEquals(
                        item,
                        dynamo.getItem(request -> request.tableName(table).key(key("p", "s")))
                                .item());
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
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LeftOpen.class.getName())
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
    void aServerThatDiesAtStartupIsReportedWithItsOutput(@TempDir Path bin) throws IOException {
        // Not Python: a script that prints its arguments (the launcher, -H and -p) and exits.
        Path dies = executable(bin.resolve("python3"), "#!/bin/sh\necho cannot bind \"$@\"\nexit 3\n");

        EngineUnavailableException e =
                assertThrows(EngineUnavailableException.class, () -> MotoServer.start(dies.toString()));

        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(
                e.getMessage().matches("(?s).*cannot bind \\S+/moto_serialized-\\d+\\.py -H 127\\.0\\.0\\.1 -p \\d+.*"),
                e.getMessage());
    }

    @Test
    void aPythonWithoutMotoIsNamedWithWhatToInstall(@TempDir Path bin) throws Exception {
        // moto_server on PATH through a shell shim, as pyenv installs it, and a python3 that sees the standard library
        // only.
        executable(bin.resolve("moto_server"), "#!/bin/sh\nexit 1\n");
        executable(
                bin.resolve("python3"),
                "#!/bin/sh\nexec '" + EngineSelectionTest.pythonExecutable() + "' -I -S \"$@\"\n");

        EngineUnavailableException e = assertThrows(
                EngineUnavailableException.class,
                () -> DynamoDbEngine.start(Map.of("DYNAMODB_ENGINE", "moto", "PATH", bin.toString())::get));

        assertTrue(e.getMessage().contains(" cannot import moto's server (No module named "), e.getMessage());
        assertTrue(e.getMessage().contains("-m pip install 'moto[server]'"), e.getMessage());
    }

    static Path executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    private static Set<ProcessHandle> children() {
        return ProcessHandle.current().children().collect(Collectors.toSet());
    }

    static int getStatus(URI endpoint) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
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
