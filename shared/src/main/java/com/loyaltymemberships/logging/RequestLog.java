package com.loyaltymemberships.logging;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one log line per request: request id, operation, status, duration and item count (never a token
 * or a body). The same line is in CloudWatch Embedded Metric Format, so CloudWatch turns it into the
 * metrics Requests, Errors (5xx), ClientErrors (4xx), Latency and Items per operation, with no extra call.
 */
public final class RequestLog {

    public static final String NAMESPACE = "LoyaltyMemberships";

    /** The EMF directive, the same on every line: which of its properties are metrics, by operation. */
    private static final Map<String, Object> METRICS = directive();

    private final JsonLog log;
    private final Clock clock;

    public RequestLog(JsonLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public void record(String requestId, String operation, int status, double durationMs, int items) {
        log.info("request", line -> {
            line.put("requestId", requestId);
            line.put("operation", operation);
            line.put("status", status);
            line.put("durationMs", durationMs);
            line.put("items", items);
            // EMF: the metric values are top-level properties named after the metrics.
            line.put("Operation", operation);
            line.put("Requests", 1);
            line.put("Errors", status >= 500 ? 1 : 0);
            line.put("ClientErrors", status >= 400 && status < 500 ? 1 : 0);
            line.put("Latency", durationMs);
            line.put("Items", items);
            Map<String, Object> aws = new LinkedHashMap<>();
            aws.put("Timestamp", clock.millis());
            aws.put("CloudWatchMetrics", List.of(METRICS));
            line.put("_aws", aws);
        });
    }

    private static Map<String, Object> directive() {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", List.of(List.of("Operation")));
        directive.put("Metrics", List.of(metric("Requests", "Count"), metric("Errors", "Count"), metric("ClientErrors", "Count"),
                metric("Latency", "Milliseconds"), metric("Items", "Count")));
        return Collections.unmodifiableMap(directive);
    }

    private static Map<String, Object> metric(String name, String unit) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("Name", name);
        metric.put("Unit", unit);
        return Collections.unmodifiableMap(metric);
    }
}
