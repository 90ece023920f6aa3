package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.local.DemoMemberships;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole request pipeline under Jazzer: raw body bytes and headers in ({@link FuzzInput} says how the bytes become
 * a request), through the Lambda handlers, onto a real engine, and the answer out. For every input:
 * <ul>
 *   <li>no exception leaves the handler (one that does fails the run);</li>
 *   <li>the answer is below 500 and conforms to openapi.yaml ({@link TestApi#send} checks that);</li>
 *   <li>an error answer is a Mews error object with a Message;</li>
 *   <li>an error answer leaves the store exactly as it was (SPEC §8: validated whole before anything is written).</li>
 * </ul>
 *
 * <p>In the normal suite (regression mode) it runs the documented requests ({@link ExampleRequest}) and the committed
 * corpus, src/test/resources/com/loyaltymemberships/acceptance/PipelineFuzzTestInputs/pipeline. With {@code JAZZER_FUZZ=1}
 * it fuzzes from them for {@code maxDuration} ({@code JAZZER_MAX_DURATION} overrides it), as .ci/run does for a minute
 * (docs/LOAD-AND-FUZZ.md, "Fuzzed and hostile input").
 */
@ExtendWith(DynamoDbEngineExtension.class)
class PipelineFuzzTest {

    /** The store is read whole (a Scan) after each write; a table with more items than this is replaced by a fresh one. */
    private static final int MAX_ITEMS = 200;

    /** The test JVM's own stderr, which Surefire does not capture: the console. */
    private static final PrintStream CONSOLE =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private static StoreWatch store;
    /** Jazzer's SSRF detector fails any outgoing connection during a fuzz test; the engine's are the only ones expected. */
    private static BiPredicate<String, Integer> theEngine;

    private static TestApi api;

    @BeforeAll
    static void start(DynamoDbEngine engine) {
        store = new StoreWatch(engine);
        // By address: the detector names the engine's 127.0.0.1 "localhost".
        URI endpoint =
                store.client.serviceClientConfiguration().endpointOverride().orElseThrow();
        InetAddress engineAddress = address(endpoint.getHost());
        theEngine = (host, port) -> port == endpoint.getPort() && address(host).equals(engineAddress);
        freshTable();
    }

    @AfterAll
    static void stop() {
        store.client.deleteTable(r -> r.tableName(api.tableName));
        store.client.close();
    }

    /** The seeds: each documented request as documented (see {@link FuzzInput#seed}). */
    static Stream<Arguments> documentedRequests() {
        return ExampleRequest.all().stream()
                .map(example -> Arguments.of(Named.of(example.name(), FuzzInput.seed(example))));
    }

    @MethodSource("documentedRequests")
    @DictionaryFile(resourcePath = "PipelineFuzzTest.dict")
    @FuzzTest(maxDuration = "60s")
    void pipeline(byte[] data) {
        // Set for each input, as Jazzer asks: it resets its detectors when fuzzing starts.
        SilentCloseable engineOnly = BugDetectors.allowNetworkConnections(theEngine);
        try {
            check(FuzzInput.of(data));
        } catch (RuntimeException | AssertionError failure) {
            // Not handled, only told: when fuzzing, Jazzer ends the JVM before Surefire reports what it captured.
            failure.printStackTrace(CONSOLE);
            throw failure;
        } finally {
            engineOnly.close();
        }
    }

    private static void check(FuzzInput input) {
        Response response = api.send(input.method(), input.path(), input.headers(), input.body());
        if (response.status() >= 400) {
            if (response.status() >= 500) {
                throw new AssertionError("status " + response.status() + ": " + response.body());
            }
            response.assertError(response.status(), "");
            assertFalse(response.json().get("Message").asText().isBlank(), "an error says what is wrong");
            store.assertUnchanged("an answer with status " + response.status());
        } else if (store.accept() > MAX_ITEMS) {
            freshTable();
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new table with the demo tokens and the memberships the update and delete examples name, so that the
     * documented requests succeed and mutations of them reach the store. Rate limit off: the fuzzer sends
     * thousands of requests with one token.
     */
    private static void freshTable() {
        String previous = api == null ? null : api.tableName;
        api = TestApi.create(store.client, 0, 30);
        DemoMemberships.seed(store.client, api.tableName);
        store.watch(api);
        if (previous != null) {
            store.client.deleteTable(r -> r.tableName(previous));
        }
    }
}
