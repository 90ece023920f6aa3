package com.loyaltymemberships.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.changes.ChangeStreamFunction;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.EngineUnavailableException;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Settings;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -jar local/target/loyalty-local.jar}: the four Lambda handlers behind a real HTTP server
 * on 127.0.0.1:${PORT:-3000}. Each request becomes the API Gateway HTTP API event that AWS would send
 * and goes through the same handler class ({@link Router}); the handler's response goes back as HTTP.
 *
 * <p>The engine is {@code DYNAMODB_ENDPOINT} if set, else one this process starts (LocalStack when a
 * Docker engine answers, else moto_server) and stops on exit. The table is created and the demo tokens
 * seeded if missing.
 *
 * <p>With {@code LOCAL_EVENTS} set ({@code stdout}, or a file to append to), it also runs the change events' consumer
 * on the table's stream, as Lambda does in AWS, and writes each membership change event as a JSON line there
 * (docs/EVENTS.md).
 */
public final class LocalServer implements AutoCloseable {

    /** How often abandoned writes are recovered, as the template's RecoveryFunction does every minute on AWS. */
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(10);
    /** How often the table's stream is read when events are on, about as often as Lambda polls a stream. */
    private static final Duration EVENTS_INTERVAL = Duration.ofMillis(250);
    /** What the template's event source mapping does: batches of 100, retried twice before they are given up. */
    private static final int EVENTS_BATCH = 100;

    private static final int EVENTS_RETRIES = 2;

    private final DynamoDbEngine engine;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService recovery;
    private final Router router;

    private LocalServer(DynamoDbEngine engine, LoyaltyApi api, int port, Optional<StreamPoller> events)
            throws IOException {
        this.engine = engine;
        this.router = new Router(api);
        this.executor = Executors.newFixedThreadPool(16);
        this.recovery = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "recovery-and-events");
            thread.setDaemon(true);
            return thread;
        });
        recovery.scheduleWithFixedDelay(
                () -> recoverQuietly(api),
                RECOVERY_INTERVAL.toMillis(),
                RECOVERY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        events.ifPresent(poller -> recovery.scheduleWithFixedDelay(
                () -> publishQuietly(poller), 0, EVENTS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** A failed sweep is tried again at the next one; it must not end the schedule. */
    private static void recoverQuietly(LoyaltyApi api) {
        try {
            api.recovery().recoverAbandoned();
        } catch (RuntimeException e) {
            System.err.println("Recovery of abandoned writes failed, tried again in " + RECOVERY_INTERVAL.toSeconds()
                    + " s: " + e);
        }
    }

    /** A failed read of the stream is tried again at the next one, from where it stopped. */
    private static void publishQuietly(StreamPoller poller) {
        try {
            poller.drain();
        } catch (RuntimeException e) {
            System.err.println("Reading the table's change stream failed, tried again shortly: " + e);
        }
    }

    /** Starts the engine (or uses DYNAMODB_ENDPOINT), prepares the table and serves on {@code port} (0: any free port). */
    public static LocalServer start(Settings settings, int port) throws IOException {
        return start(settings, port, Optional.empty());
    }

    /**
     * {@link #start(Settings, int)}, and with {@code events} ({@code stdout} or a file) the change events written there
     * as JSON lines.
     */
    public static LocalServer start(Settings settings, int port, Optional<String> events) throws IOException {
        DynamoDbEngine engine = DynamoDbEngine.start();
        try {
            DynamoDbClient dynamoDb = engine.newClient();
            LocalTable.prepare(dynamoDb, settings.tableName());
            Optional<StreamPoller> poller =
                    events.map(out -> changeEvents(engine, dynamoDb, settings.tableName(), out));
            return new LocalServer(engine, LoyaltyApi.create(settings, dynamoDb, Clock.systemUTC()), port, poller);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The consumer of the table's stream, as the template's ChangesFunction, onto a bus of JSON lines. */
    private static StreamPoller changeEvents(
            DynamoDbEngine engine, DynamoDbClient dynamoDb, String table, String target) {
        String streamArn =
                dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        if (streamArn == null) {
            throw new IllegalStateException("The table " + table + " has no stream, so no change events: it was"
                    + " created by an earlier release. Delete it (or use another TABLE_NAME) and start again.");
        }
        ChangeStreamFunction consumer = new ChangeStreamFunction(JsonLinesBus.to(target));
        return new StreamPoller(
                engine.newStreamsClient(),
                streamArn,
                consumer::publish,
                EVENTS_BATCH,
                EVENTS_RETRIES,
                dead -> System.err.println("Change events given up (the bus kept refusing them): " + dead));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public DynamoDbEngine engine() {
        return engine;
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.fromEnvironment();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        Optional<String> events =
                Optional.ofNullable(System.getenv("LOCAL_EVENTS")).filter(target -> !target.isBlank());
        LocalServer local;
        try {
            local = start(settings, port, events);
        } catch (EngineUnavailableException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(local::close, "local-server-shutdown"));
        System.out.println("DynamoDB: " + local.engine().description() + ", table " + settings.tableName());
        System.out.println("Listening on http://127.0.0.1:" + local.port());
        if (events.isPresent()) {
            System.out.println("Change events: " + System.getenv("LOCAL_EVENTS") + ", one JSON line each");
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            APIGatewayV2HTTPEvent event = HttpApiEvents.event(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    readBody(exchange.getRequestBody()));
            respond(exchange, router.route(event));
        }
    }

    /** Reads at most one byte more than the handler accepts (so it can answer 413), then drains the rest. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(LoyaltyApi.MAX_BODY_BYTES + 1);
        in.transferTo(OutputStream.nullOutputStream());
        return body;
    }

    private static void respond(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        // HTTP: an answer to HEAD has the headers of the GET answer and no body.
        boolean head = exchange.getRequestMethod().equals("HEAD");
        byte[] body = response.getBody() == null || head
                ? new byte[0]
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops serving and stops the engine if this process started it. */
    @Override
    public void close() {
        server.stop(0);
        recovery.shutdownNow();
        executor.shutdownNow();
        engine.close();
    }
}
