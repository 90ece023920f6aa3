package com.loyaltymemberships.soak;

import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.LocalServerProcess;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.local.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * {@code java -jar soak/target/loyalty-soak.jar [--clients N] [--requests N] [--seed N] [--output FILE]}, run in the
 * project's root after {@code mvn -B -q -pl soak -am package -DskipTests}: the local jar in its own process under
 * concurrent clients writing and reading all four operations through three tokens and three chains, with
 * Idempotency-Key retries; then the final store, read through the API, must be exactly the clients' ledger. See
 * {@link OwnAccounts} (what each client alone writes) and {@link SharedRounds} (what the clients race for, and how the
 * answers decide it). Prints its report and writes soak/results.md; exits with 1 if the verdict is FAIL.
 */
public final class LoadRun {

    /** A fifth of a racer's requests are its shared rounds, three requests each. */
    private static final int REQUESTS_PER_ROUND = 3;

    private static final int SHARE_IN_ROUNDS = 5;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** The server's lines kept besides its request log: its errors (a 5xx logs its cause) and anything unexpected. */
    private static final int ERRORS_KEPT = 5;

    /**
     * @param clients  concurrent clients, each a thread with its own accounts
     * @param requests requests the clients send together, at least (a racer finishes its rounds past its share)
     * @param seed     of every client's choices (the engine's interleaving is not seeded)
     */
    public record Options(int clients, int requests, long seed) {
        public static final Options DEFAULT = new Options(8, 10_000, 1);

        public Options {
            if (clients < 1 || requests < clients) {
                throw new IllegalArgumentException("at least one client, and at least one request per client");
            }
        }
    }

    private LoadRun() {}

    public static void main(String[] args) {
        Options options = Options.DEFAULT;
        Path output = Path.of("soak", "results.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" ->
                    options = new Options(Integer.parseInt(args[++i]), options.requests(), options.seed());
                case "--requests" ->
                    options = new Options(options.clients(), Integer.parseInt(args[++i]), options.seed());
                case "--seed" ->
                    options = new Options(options.clients(), options.requests(), Long.parseLong(args[++i]));
                case "--output" -> output = Path.of(args[++i]);
                default -> {
                    System.err.println("Usage: java -jar soak/target/loyalty-soak.jar [--clients N (default 8)]"
                            + " [--requests N (default 10000)] [--seed N] [--output FILE (default soak/results.md)]");
                    System.exit(2);
                }
            }
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            System.err.println("Run the load run in the project's root (where template.yaml is).");
            System.exit(2);
        }
        Markdown report = new Markdown();
        boolean passed = run(root, options, report);
        report.write(output);
        System.out.println("Written to " + output);
        System.exit(passed ? 0 : 1);
    }

    /** The README's load run: {@code local/target/loyalty-local.jar} under {@code root}, reported into {@code report}. */
    public static boolean run(Path root, Options options, Markdown report) {
        Map<String, String> environment = new HashMap<>();
        String endpoint = System.getenv(DynamoDbEngine.ENDPOINT_SETTING);
        if (endpoint != null) {
            environment.put(DynamoDbEngine.ENDPOINT_SETTING, endpoint);
        }
        try (LocalServerProcess server =
                LocalServerProcess.start(LocalServerProcess.jar(root), serverEnvironment(environment), firstErrors())) {
            LoadResult result = run(server, options);
            LoadReport.write(result, report);
            return result.passed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same server from this JVM's class path (tests: the classes just compiled, no jar needed), on the engine at
     * {@code endpoint}.
     */
    static LocalServerProcess serverFromClassPath(URI endpoint) throws IOException {
        return LocalServerProcess.startFromClassPath(
                Main.class.getName(),
                serverEnvironment(Map.of(DynamoDbEngine.ENDPOINT_SETTING, endpoint.toString())),
                firstErrors());
    }

    /**
     * The server's environment, as the README runs it but without the rate limit (every request of the load is one
     * access token's) and on a table of its own; its engine is the one it starts itself, unless {@code environment}
     * names one (or this JVM's environment does so with {@code DYNAMODB_ENGINE}).
     */
    private static Map<String, String> serverEnvironment(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>();
        all.put("RATE_LIMIT_REQUESTS", "0");
        all.put("TABLE_NAME", TableNames.unique("load"));
        all.putAll(environment);
        return all;
    }

    /**
     * Of what the server prints while it serves, one JSON line per request, the first few lines that are not a request's
     * log line: its error log lines (a 5xx logs its cause) and anything else.
     */
    private static Predicate<String> firstErrors() {
        AtomicInteger kept = new AtomicInteger();
        return line -> {
            boolean request = line.startsWith("{") && !line.contains("\"level\":\"ERROR\"");
            return !request && kept.getAndIncrement() < ERRORS_KEPT;
        };
    }

    /** Sets up the shared accounts, runs the clients to the end of their shares, then checks the store. */
    public static LoadResult run(LocalServerProcess server, Options options) {
        HttpClient http = Api.newHttpClient();
        Measurements measurements = new Measurements();
        Tally tally = new Tally();
        Ledger ledger = new Ledger();
        Random seeds = new Random(options.seed());
        // Keys are per access token for 24 hours: a run against a server that already served one must not meet its
        // keys.
        String runId = HexFormat.of().toHexDigits(new Random().nextInt());
        long share = (options.requests() + options.clients() - 1) / options.clients();
        int racers = Math.min(options.clients(), Field.values().length);
        int rounds = (int) (share / SHARE_IN_ROUNDS / REQUESTS_PER_ROUND);
        // Setup and check requests are not part of the measured load.
        SharedRounds shared = SharedRounds.prepare(
                new Api(http, server.baseUri(), new Measurements()),
                ledger,
                tally,
                racers,
                rounds,
                runId,
                new Random(seeds.nextLong()));

        ExecutorService twins = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "load-twin");
            thread.setDaemon(true);
            return thread;
        });
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            Api api = new Api(http, server.baseUri(), measurements);
            Random random = new Random(seeds.nextLong());
            OwnAccounts own =
                    new OwnAccounts(api, new KeyedWrites(api, tally, twins, runId + "-" + i), ledger, tally, random);
            clients.add(new Thread(new LoadClient(i, share, api, own, shared, random, tally), "load-client-" + i));
        }
        long started = System.nanoTime();
        clients.forEach(Thread::start);
        awaitAll(clients, measurements, started);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        twins.shutdown();

        shared.checkKeyRaces();
        StoreCheck.Verdict verdict = new StoreCheck(new Api(http, server.baseUri(), new Measurements())).run(ledger);
        return new LoadResult(
                options,
                racers,
                rounds,
                took,
                measurements,
                tally,
                ledger,
                verdict,
                server.engine(),
                server.outputSinceListening());
    }

    /** Waits for every client, telling on stderr how far they are now and then. */
    private static void awaitAll(List<Thread> clients, Measurements measurements, long started) {
        try {
            for (Thread client : clients) {
                while (client.isAlive()) {
                    client.join(PROGRESS_EVERY.toMillis());
                    if (client.isAlive()) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        System.err.printf("load: %,d requests in %.0f s%n", measurements.requests(), seconds);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
