package com.loyaltymemberships.bench.load;

import com.loyaltymemberships.bench.Report;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code --only load}: the local jar in its own process under concurrent clients writing and reading all four
 * operations through three tokens and three chains, with Idempotency-Key retries; then the final store, read through the
 * API, must be exactly the clients' ledger. See {@link OwnAccounts} (what each client alone writes) and
 * {@link SharedRounds} (what the clients race for, and how the answers decide it).
 */
public final class LoadRun {

    /** How the run's section of results.md begins. */
    public static final String HEADING = "Load run";

    /** A fifth of a racer's requests are its shared rounds, three requests each. */
    private static final int REQUESTS_PER_ROUND = 3;

    private static final int SHARE_IN_ROUNDS = 5;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

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

    /** The README's load run: {@code local/target/loyalty-local.jar} under {@code root}, reported into {@code report}. */
    public static boolean run(Path root, Options options, Report report) {
        try (ServerProcess server = ServerProcess.jar(root.resolve("local/target/loyalty-local.jar"), Map.of())) {
            LoadResult result = run(server, options);
            LoadReport.write(result, report);
            return result.passed();
        }
    }

    /** Sets up the shared accounts, runs the clients to the end of their shares, then checks the store. */
    public static LoadResult run(ServerProcess server, Options options) {
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
                new Api(http, server.base(), new Measurements()),
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
            Api api = new Api(http, server.base(), measurements);
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
        StoreCheck.Verdict verdict = new StoreCheck(new Api(http, server.base(), new Measurements())).run(ledger);
        return new LoadResult(
                options, racers, rounds, took, measurements, tally, ledger, verdict, server.engine(), server.errors());
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
