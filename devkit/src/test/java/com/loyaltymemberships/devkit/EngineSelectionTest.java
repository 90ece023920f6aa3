package com.loyaltymemberships.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class EngineSelectionTest {
    @Test
    void endpointSettingIsUsedWithoutStartingAnything() throws IOException {
        try (DynamoDbEngine moto = DynamoDbEngine.startMoto();
                DynamoDbClient motoClient = moto.newClient()) {
            Set<ProcessHandle> before = children();
            DynamoDbEngine external;
            String previous = System.setProperty(
                    DynamoDbEngine.ENDPOINT_SETTING, moto.endpoint().toString());
            try {
                external = DynamoDbEngine.start();
            } finally {
                MotoEngineTest.restore(DynamoDbEngine.ENDPOINT_SETTING, previous);
            }

            assertEquals(before, children());
            assertEquals(moto.endpoint(), external.endpoint());
            assertEquals("DYNAMODB_ENDPOINT " + moto.endpoint(), external.description());
            try (external;
                    DynamoDbClient dynamo = external.newClient()) {
                String table = TestTables.create(dynamo, "external");
                assertTrue(motoClient.listTables().tableNames().contains(table));
            }
            // Closing the engine that only pointed at moto left moto running.
            assertEquals(200, MotoEngineTest.getStatus(moto.endpoint()));
        }
    }

    @Test
    void forcingEndpointWithoutOneSaysSo() {
        EngineUnavailableException e = assertThrows(
                EngineUnavailableException.class,
                () -> DynamoDbEngine.start(Map.of("DYNAMODB_ENGINE", "endpoint")::get));

        assertEquals("DYNAMODB_ENGINE=endpoint but DYNAMODB_ENDPOINT is not set.", e.getMessage());
    }

    @Test
    void unknownEngineAndMalformedEndpointAreRejected() {
        IllegalArgumentException engine = assertThrows(
                IllegalArgumentException.class, () -> DynamoDbEngine.start(Map.of("DYNAMODB_ENGINE", "dynalite")::get));
        assertTrue(engine.getMessage().contains("use endpoint, localstack or moto"), engine.getMessage());

        IllegalArgumentException endpoint = assertThrows(
                IllegalArgumentException.class,
                () -> DynamoDbEngine.start(Map.of("DYNAMODB_ENDPOINT", "localhost:8000")::get));
        assertTrue(endpoint.getMessage().contains("must be an http(s) URL"), endpoint.getMessage());
    }

    @Test
    void forcingMotoWhereItIsNotInstalledSaysWhatToInstall(@TempDir Path emptyPath) {
        EngineUnavailableException e = assertThrows(
                EngineUnavailableException.class,
                () -> DynamoDbEngine.start(Map.of("DYNAMODB_ENGINE", "moto", "PATH", emptyPath.toString())::get));

        assertTrue(e.getMessage().contains("pip install 'moto[server]'"), e.getMessage());
        assertTrue(e.getMessage().contains("Install Docker"), e.getMessage());
        assertTrue(e.getMessage().contains("set DYNAMODB_ENDPOINT"), e.getMessage());
    }

    @Test
    void withoutMotoServerOnPathMotoRunsAsAPythonModule(@TempDir Path bin) throws Exception {
        // A PATH holding only python3, as where moto is installed without its console script.
        MotoEngineTest.executable(bin.resolve("python3"), "#!/bin/sh\nexec '" + pythonExecutable() + "' \"$@\"\n");

        try (DynamoDbEngine engine =
                        DynamoDbEngine.start(Map.of("DYNAMODB_ENGINE", "moto", "PATH", bin.toString())::get);
                DynamoDbClient dynamo = engine.newClient()) {
            assertTrue(engine.description().startsWith("moto_server "), engine.description());
            String table = TestTables.create(dynamo, "module");
            assertTrue(dynamo.listTables().tableNames().contains(table));
        }
    }

    static String pythonExecutable() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String executable = new String(process.getInputStream().readAllBytes()).trim();
        assertEquals(0, process.waitFor());
        return executable;
    }

    private static Set<ProcessHandle> children() {
        return ProcessHandle.current().children().collect(Collectors.toSet());
    }
}
