package com.loyaltymemberships.devkit.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of the Lambda Runtime API (version 2018-06-01) that a runtime uses to serve invocations, on a free
 * loopback port: it hands out queued events on {@code GET /runtime/invocation/next} and completes each with what
 * the runtime posts to {@code /runtime/invocation/{id}/response} or {@code .../error}, or fails them all on
 * {@code /runtime/init/error}. One emulator serves one function instance, as in Lambda.
 */
final class LambdaRuntimeEmulator implements AutoCloseable {

    private static final String RUNTIME = "/2018-06-01/runtime/";
    private static final String INVOCATION = RUNTIME + "invocation/";

    /** An event waiting for, or being served by, the runtime. */
    private record Invocation(String requestId, String event, Duration timeout, CompletableFuture<Outcome> outcome) {}

    private final String functionArn;
    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> served = new ConcurrentHashMap<>();
    private volatile Outcome.Failure initError;
    private final AtomicInteger waitingForNext = new AtomicInteger();

    private LambdaRuntimeEmulator(String functionArn) throws IOException {
        this.functionArn = functionArn;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // Its own thread per request: GET .../next blocks until an event is queued, while the runtime may post.
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "lambda-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext(RUNTIME, this::serve);
        server.setExecutor(executor);
        server.start();
    }

    static LambdaRuntimeEmulator start(String functionArn) throws IOException {
        return new LambdaRuntimeEmulator(functionArn);
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Queues an event for the runtime; the outcome completes when the runtime reports it. */
    CompletableFuture<Outcome> submit(String event, Duration timeout) {
        Outcome.Failure failedInit = initError;
        if (failedInit != null) {
            return CompletableFuture.completedFuture(failedInit);
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, timeout, new CompletableFuture<>());
        queued.add(invocation);
        return invocation.outcome();
    }

    /** True while the runtime waits for an event: it is done with the one before, logs included. */
    boolean idle() {
        return waitingForNext.get() > 0;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("GET") && path.equals(INVOCATION + "next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals(RUNTIME + "init/error")) {
                Outcome.Failure failure = failure(exchange);
                initError = failure;
                List<Invocation> waiting = new ArrayList<>(served.values());
                queued.drainTo(waiting);
                waiting.forEach(invocation -> invocation.outcome().complete(failure));
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith(INVOCATION) && path.endsWith("/response")) {
                complete(exchange, path, "/response", new Outcome.Response(body(exchange)));
            } else if (method.equals("POST") && path.startsWith(INVOCATION) && path.endsWith("/error")) {
                complete(exchange, path, "/error", failure(exchange));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    /** Blocks until an event is queued, then hands it out with the headers the runtime reads into its Context. */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        waitingForNext.incrementAndGet();
        try {
            invocation = queued.take();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
            return;
        } finally {
            waitingForNext.decrementAndGet();
        }
        served.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set(
                "Lambda-Runtime-Deadline-Ms",
                Long.toString(Instant.now().plus(invocation.timeout()).toEpochMilli()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        byte[] body = invocation.event().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void complete(HttpExchange exchange, String path, String suffix, Outcome outcome) throws IOException {
        String requestId = path.substring(INVOCATION.length(), path.length() - suffix.length());
        Invocation invocation = served.remove(requestId);
        if (invocation == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        invocation.outcome().complete(outcome);
        accepted(exchange);
    }

    private static Outcome.Failure failure(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return new Outcome.Failure(type == null ? "Unknown" : type, body(exchange));
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Lambda answers every post of a runtime with 202; the runtime interface client treats anything else as an error. */
    private static void accepted(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(202, -1);
    }

    /** An X-Ray trace header of the shape Lambda sends, not sampled. */
    private static String traceId() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                + hex.toHexDigits(random.nextLong()).substring(4)
                + hex.toHexDigits(random.nextLong()).substring(4) + ";Parent=" + hex.toHexDigits(random.nextLong())
                + ";Sampled=0";
    }

    /** Stops serving; outcomes not reported yet stay incomplete. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
