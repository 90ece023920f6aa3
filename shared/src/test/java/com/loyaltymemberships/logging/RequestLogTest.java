package com.loyaltymemberships.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private static JsonNode record(int status) throws Exception {
        return record(status, false);
    }

    private static JsonNode record(int status, boolean throttled) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        new RequestLog(new JsonLog(new JsonFactory(), new PrintStream(out, true, StandardCharsets.UTF_8), clock), clock)
                .record("req-1", "getAll", status, 12.5, 7, throttled);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), "one line per request");
        return mapper.readTree(text);
    }

    @Test
    void oneLineWithTheRequestsFacts() throws Exception {
        JsonNode line = record(200);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("request", line.get("message").asText());
        assertEquals("req-1", line.get("requestId").asText());
        assertEquals("getAll", line.get("operation").asText());
        assertEquals(200, line.get("status").asInt());
        assertEquals(12.5, line.get("durationMs").asDouble());
        assertEquals(7, line.get("items").asInt());
    }

    /** The CloudWatch Embedded Metric Format specification: every declared metric is a top-level number. */
    @Test
    void isAValidEmbeddedMetricFormatRecord() throws Exception {
        JsonNode line = record(503);
        JsonNode aws = line.get("_aws");
        assertEquals(NOW.toEpochMilli(), aws.get("Timestamp").asLong());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertEquals(RequestLog.NAMESPACE, directive.get("Namespace").asText());
        assertEquals("[[\"Operation\"]]", directive.get("Dimensions").toString());
        assertEquals("getAll", line.get("Operation").asText());
        List<String> names = new ArrayList<>();
        for (JsonNode metric : directive.get("Metrics")) {
            String name = metric.get("Name").asText();
            names.add(name);
            assertTrue(line.get(name).isNumber(), name + " has a value");
            assertTrue(
                    List.of("Count", "Milliseconds").contains(metric.get("Unit").asText()));
        }
        assertEquals(List.of("Requests", "Errors", "ClientErrors", "Latency", "Items", "Throttled"), names);
        assertEquals(1, line.get("Errors").asInt(), "a 5xx is an error");
        assertEquals(0, line.get("ClientErrors").asInt());
        assertEquals(0, record(200).get("Errors").asInt());
        assertEquals(1, record(429).get("ClientErrors").asInt());
        assertEquals(12.5, line.get("Latency").asDouble());
    }

    /** The Throttled metric counts the requests answered 503 because DynamoDB throttled them, per operation. */
    @Test
    void aThrottledRequestCountsInThrottled() throws Exception {
        JsonNode throttled = record(503, true);
        assertEquals(1, throttled.get(RequestLog.THROTTLED).asInt());
        assertEquals(1, throttled.get("Errors").asInt(), "and it is a 5xx");
        assertEquals(0, record(503, false).get(RequestLog.THROTTLED).asInt(), "a 503 out of time is not throttling");
        assertEquals(0, record(200).get(RequestLog.THROTTLED).asInt());
    }
}
