package com.loyaltymemberships.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.changes.ChangeEvent;
import com.loyaltymemberships.contract.Timestamps;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The local server's events bus: each event as one JSON line, in the shape EventBridge delivers it to a rule's target
 * ({@code source}, {@code detail-type}, {@code time}, {@code detail}; {@code id} is the detail's EventId here, where
 * EventBridge gives each delivery an id of its own).
 *
 * <p>It drops a repeat, as a subscriber does (docs/EVENTS.md): an event whose EventId it has written, or that the file
 * holds already. The local server reads the table's stream from its start each time it starts, so a server restarted
 * on the same engine ({@code DYNAMODB_ENDPOINT}) appends only what is new.
 */
final class JsonLinesBus implements com.loyaltymemberships.changes.EventBus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Set<String> written;

    private JsonLinesBus(PrintStream out, Set<String> written) {
        this.out = out;
        this.written = written;
    }

    /** Events on standard output ({@code stdout}), or appended to the file {@code target}. */
    static JsonLinesBus to(String target) {
        if (target.equals("stdout")) {
            return new JsonLinesBus(System.out, new HashSet<>());
        }
        Path file = Path.of(target);
        Set<String> written = new HashSet<>();
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        written.add(JSON.readTree(line).path("id").asText());
                    }
                }
            }
            return new JsonLinesBus(
                    new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8), written);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write change events to " + target, e);
        }
    }

    @Override
    public List<ChangeEvent> put(List<ChangeEvent> events) {
        for (ChangeEvent event : events) {
            try {
                ObjectNode detail = (ObjectNode) JSON.readTree(event.detail());
                if (!written.add(detail.get("EventId").asText())) {
                    continue;
                }
                ObjectNode line = JSON.createObjectNode()
                        .put("id", detail.get("EventId").asText())
                        .put("source", ChangeEvent.SOURCE)
                        .put("detail-type", event.detailType())
                        .put("time", Timestamps.toSeconds(event.time()));
                line.set("detail", detail);
                synchronized (out) {
                    out.println(JSON.writeValueAsString(line));
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.of();
    }
}
