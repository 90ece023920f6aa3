package com.loyaltymemberships.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.loyaltymemberships.changes.ChangeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local server's bus writes each event once, as EventBridge delivers it to a target: a repeat (a retried batch, or
 * the stream read again from its start by a restarted server) is dropped by its EventId.
 */
class JsonLinesBusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChangeEvent event(String eventId) {
        String detail = "{\"EventId\":\"" + eventId + "\",\"Version\":1}";
        return new ChangeEvent(
                "LoyaltyMembershipAdded",
                detail.getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-12-07T10:00:00Z"),
                UUID.randomUUID(),
                1);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void eachEventIsWrittenOnceEvenAfterARestart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        JsonLinesBus bus = JsonLinesBus.to(file.toString());
        assertEquals(List.of(), bus.put(List.of(event("a"), event("b"))));
        bus.put(List.of(event("a")));
        // A restarted server reads the stream from its start again.
        JsonLinesBus.to(file.toString()).put(List.of(event("a"), event("b"), event("c")));

        List<JsonNode> lines = lines(file);
        assertEquals(
                List.of("a", "b", "c"),
                lines.stream().map(l -> l.get("id").asText()).toList());
        JsonNode first = lines.get(0);
        assertEquals("loyalty-memberships", first.get("source").asText());
        assertEquals("LoyaltyMembershipAdded", first.get("detail-type").asText());
        assertEquals("2026-12-07T10:00:00Z", first.get("time").asText());
        assertEquals("a", first.get("detail").get("EventId").asText());
    }
}
