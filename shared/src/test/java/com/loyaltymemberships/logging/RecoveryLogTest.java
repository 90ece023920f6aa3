package com.loyaltymemberships.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

class RecoveryLogTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private static String run(int abandoned, int recovered, int unrecovered) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        new RecoveryLog(
                        new JsonLog(new JsonFactory(), new PrintStream(out, true, StandardCharsets.UTF_8), clock),
                        clock)
                .record(abandoned, recovered, unrecovered);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A valid Embedded Metric Format record: service-wide metrics (no dimension), each a top-level number. */
    @Test
    void aRunThatFoundAbandonedWritesIsOneMetricLine() throws Exception {
        String text = run(3, 1, 2);
        assertEquals(1, text.lines().count());
        JsonNode line = new ObjectMapper().readTree(text);
        assertEquals("recovery run", line.get("message").asText());
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(NOW.toEpochMilli(), line.get("_aws").get("Timestamp").asLong());
        assertEquals(EmbeddedMetrics.NAMESPACE, directive.get("Namespace").asText());
        assertEquals("[[]]", directive.get("Dimensions").toString());
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> {
            names.add(m.get("Name").asText());
            assertEquals("Count", m.get("Unit").asText());
        });
        assertEquals(List.of(RecoveryLog.ABANDONED, RecoveryLog.RECOVERED, RecoveryLog.UNRECOVERED), names);
        assertEquals(3, line.get(RecoveryLog.ABANDONED).asInt());
        assertEquals(1, line.get(RecoveryLog.RECOVERED).asInt());
        assertEquals(2, line.get(RecoveryLog.UNRECOVERED).asInt());
    }

    @Test
    void aRunThatFoundNothingWritesNothing() {
        assertEquals("", run(0, 0, 0));
    }
}
