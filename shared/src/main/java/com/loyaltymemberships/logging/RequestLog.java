package com.loyaltymemberships.logging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/**
 * The one log line per request: request id, operation, status, duration and item count (never a token
 * or a body). The same line is in CloudWatch Embedded Metric Format, so CloudWatch turns it into the
 * metrics Requests, Errors (5xx), ClientErrors (4xx), Latency and Items per operation, with no extra call.
 */
public final class RequestLog {

    public static final String NAMESPACE = "LoyaltyMemberships";

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
            ObjectNode aws = line.putObject("_aws");
            aws.put("Timestamp", clock.millis());
            ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
            directive.put("Namespace", NAMESPACE);
            directive.putArray("Dimensions").addArray().add("Operation");
            ArrayNode metrics = directive.putArray("Metrics");
            metrics.addObject().put("Name", "Requests").put("Unit", "Count");
            metrics.addObject().put("Name", "Errors").put("Unit", "Count");
            metrics.addObject().put("Name", "ClientErrors").put("Unit", "Count");
            metrics.addObject().put("Name", "Latency").put("Unit", "Milliseconds");
            metrics.addObject().put("Name", "Items").put("Unit", "Count");
        });
    }
}
