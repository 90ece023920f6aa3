package com.loyaltymemberships.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** One client's way to the API over HTTP: every request is measured, and counted against that client's share. */
final class Api {

    /** Far beyond any answer of a healthy server: reaching it is a failure of the run, not a measure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;
    private final Measurements measurements;
    private final AtomicLong sent = new AtomicLong();

    Api(HttpClient http, URI base, Measurements measurements) {
        this.http = http;
        this.base = base;
        this.measurements = measurements;
    }

    static HttpClient newHttpClient() {
        // HTTP/1.1 as API Gateway's clients speak it; the default would first try an h2c upgrade on every connection.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Answer send(Request request) {
        return sendWithin(request, GIVE_UP)
                .orElseThrow(() -> new IllegalStateException("no answer to "
                        + request.operation().operationName() + " within " + GIVE_UP.toSeconds() + " s"));
    }

    /** The answer, or empty if it did not come within {@code timeout}: the client stops waiting, the request may still run. */
    Optional<Answer> sendWithin(Request request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        base.resolve(request.operation().path()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(request.body())));
        request.key().ifPresent(key -> builder.header("Idempotency-Key", key));
        if (request.minimal()) {
            builder.header("Prefer", "return=minimal");
        }
        sent.incrementAndGet();
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            measurements.answered(request.operation(), response.statusCode(), System.nanoTime() - started);
            return Optional.of(
                    new Answer(request.operation(), response.statusCode(), response.body(), response.headers()));
        } catch (HttpTimeoutException e) {
            measurements.timedOut(request.operation());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(request.operation().operationName() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Requests this client sent, retries and duplicates included. */
    long sent() {
        return sent.get();
    }
}
