package com.loyaltymemberships.devkit.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment jar of {@link TestHandlers} run in a JVM of its own under the Lambda runtime interface client: each
 * way an invocation ends, and what the function's environment holds.
 */
class FunctionJvmTest {

    private static final String HANDLERS = TestHandlers.class.getName();

    @TempDir
    static Path temp;

    private static Path jar;

    /** A jar with the handler classes only, as a function's deployment package has its own classes. */
    @BeforeAll
    static void packageHandlers() throws IOException {
        jar = temp.resolve("handlers.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> handler : List.of(TestHandlers.class, TestHandlers.FailingInit.class)) {
                String entry = handler.getName().replace('.', '/') + ".class";
                out.putNextEntry(new ZipEntry(entry));
                try (InputStream in = handler.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
            }
        }
    }

    private static Outcome invokeOnce(String handler, String event, OutputStream logs) throws IOException {
        LambdaFunction function = new LambdaFunction(
                "TestFunction", jar, handler, 512, Duration.ofSeconds(20), Map.of("GREETING", "hello"));
        try (FunctionJvm jvm = FunctionJvm.start(function, logs)) {
            return jvm.invoke(event);
        }
    }

    @Test
    void answersWithWhatTheHandlerReturnedInLambdasEnvironmentOnly() throws IOException {
        Outcome outcome = invokeOnce(HANDLERS + "::environment", "{\"say\": \"hi\"}", OutputStream.nullOutputStream());
        String payload = assertInstanceOf(Outcome.Response.class, outcome).payload();
        assertTrue(payload.contains("\"event\":\"hi\""), payload);
        assertTrue(payload.contains("\"GREETING\":\"hello\""), payload);
        assertTrue(payload.contains("\"AWS_LAMBDA_FUNCTION_NAME\":\"TestFunction\""), payload);
        assertTrue(payload.contains("\"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\":\"512\""), payload);
        assertTrue(payload.contains("\"_HANDLER\":\"" + HANDLERS + "::environment\""), payload);
        assertFalse(payload.contains("\"HOME\""), "nothing of the machine's environment: " + payload);
    }

    @Test
    void aHandlerThatThrowsIsAFailureReportedByTheRuntime() throws IOException {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, invokeOnce(HANDLERS + "::fail", "{}", logs));
        assertEquals("Runtime.UserException", failure.errorType());
        assertTrue(failure.payload().contains("failed on purpose"), failure.payload());
        assertTrue(logs.toString().contains("failed on purpose"), "the runtime logs it too: " + logs);
    }

    @Test
    void aFailedInitialisationFailsTheInvocation() throws IOException {
        Outcome.Failure failure = assertInstanceOf(
                Outcome.Failure.class,
                invokeOnce(
                        TestHandlers.FailingInit.class.getName() + "::handle", "{}", OutputStream.nullOutputStream()));
        assertTrue(failure.payload().contains("cannot initialise"), failure.payload());
    }

    @Test
    void aJvmThatExitsIsNoAnswer() throws IOException {
        Outcome.NoAnswer none = assertInstanceOf(
                Outcome.NoAnswer.class, invokeOnce(HANDLERS + "::exit", "{}", OutputStream.nullOutputStream()));
        assertTrue(none.reason().contains("exited with status 3"), none.reason());
    }

    /** The client's jar names the libraries it needs in its manifest; the runtime has every one of them. */
    @Test
    void theRuntimeHasEveryLibraryTheClientNeeds() throws IOException {
        RuntimeLibraries libraries = RuntimeLibraries.get();
        List<String> jars = libraries.classpath().stream()
                .map(path -> path.getFileName().toString())
                .toList();
        Path client = libraries.classpath().stream()
                .filter(path -> path.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
                .findFirst()
                .orElseThrow();
        try (JarFile clientJar = new JarFile(client.toFile())) {
            String classPath = clientJar.getManifest().getMainAttributes().getValue("Class-Path");
            assertTrue(jars.containsAll(Arrays.asList(classPath.trim().split("\\s+"))), classPath + " in " + jars);
        }
        assertTrue(Files.isRegularFile(libraries.nativeLibrary()));
    }
}
