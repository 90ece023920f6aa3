package com.loyaltymemberships.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.changes.ChangeEvent;
import com.loyaltymemberships.contract.Timestamps;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The local server's events bus: each event as one JSON line, in the shape EventBridge delivers it to a rule's target
 * ({@code source}, {@code detail-type}, {@code time}, {@code detail}; {@code id} is the detail's EventId here, where
 * EventBridge gives each delivery an id of its own).
 */
final class JsonLinesBus implements com.loyaltymemberships.changes.EventBus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    JsonLinesBus(PrintStream out) {
        this.out = out;
    }

    @Override
    public List<ChangeEvent> put(List<ChangeEvent> events) {
        for (ChangeEvent event : events) {
            try {
                ObjectNode detail = (ObjectNode) JSON.readTree(event.detail());
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
