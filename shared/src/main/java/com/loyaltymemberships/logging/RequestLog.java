package com.loyaltymemberships.logging;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one log line per request: request id, operation, status, duration and item count (never a token
 * or a body). The same line is in CloudWatch Embedded Metric Format, so CloudWatch turns it into the
 * metrics Requests, Errors (5xx), ClientErrors (4xx), Latency, Items and Throttled per operation, with no extra call.
 */
public final class RequestLog {

    public static final String NAMESPACE = EmbeddedMetrics.NAMESPACE;
    /** The dimension of every request metric: the operation's name ({@code getAll}, {@code add}, ...). */
    public static final String OPERATION = "Operation";
    /** 1 when the request was answered 503 because DynamoDB throttled it (template.yaml alarms on it), else 0. */
    public static final String THROTTLED = "Throttled";

    /** The EMF directive, the same on every line: which of its properties are metrics, by operation. */
    private static final EmbeddedMetrics METRICS = new EmbeddedMetrics(List.of(OPERATION), units());

    private final JsonLog log;
    private final Clock clock;

    public RequestLog(JsonLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** A request that storage did not throttle. */
    public void record(String requestId, String operation, int status, double durationMs, int items) {
        record(requestId, operation, status, durationMs, items, false);
    }

    public void record(
            String requestId, String operation, int status, double durationMs, int items, boolean throttled) {
        log.info("request", line -> {
            line.put("requestId", requestId);
            line.put("operation", operation);
            line.put("status", status);
            line.put("durationMs", durationMs);
            line.put("items", items);
            // EMF: the metric values are top-level properties named after the metrics.
            line.put(OPERATION, operation);
            line.put("Requests", 1);
            line.put("Errors", status >= 500 ? 1 : 0);
            line.put("ClientErrors", status >= 400 && status < 500 ? 1 : 0);
            line.put("Latency", durationMs);
            line.put("Items", items);
            line.put(THROTTLED, throttled ? 1 : 0);
            METRICS.addTo(line, clock.millis());
        });
    }

    private static Map<String, String> units() {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("Requests", "Count");
        units.put("Errors", "Count");
        units.put("ClientErrors", "Count");
        units.put("Latency", "Milliseconds");
        units.put("Items", "Count");
        units.put(THROTTLED, "Count");
        return units;
    }
}
