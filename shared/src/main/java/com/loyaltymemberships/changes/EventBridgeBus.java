package com.loyaltymemberships.changes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The events' bus in AWS: an EventBridge bus, by PutEvents. A call's size stays far under EventBridge's 256 KB: the
 * largest detail (every text at its limit, every property changed) is under 8 KB ({@code ChangeEventsTest}), ten of them
 * under 80 KB.
 */
public final class EventBridgeBus implements EventBus {

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeBus(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public List<ChangeEvent> put(List<ChangeEvent> batch) {
        List<PutEventsRequestEntry> entries = batch.stream()
                .map(event -> PutEventsRequestEntry.builder()
                        .eventBusName(busName)
                        .source(ChangeEvent.SOURCE)
                        .detailType(event.detailType())
                        .detail(new String(event.detail(), StandardCharsets.UTF_8))
                        .time(event.time())
                        .build())
                .toList();
        PutEventsResponse response = events.putEvents(r -> r.entries(entries));
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return List.of();
        }
        // Entries answer in the order sent; a refused one has an error code and no event id.
        List<ChangeEvent> refused = new ArrayList<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            if (i >= results.size() || results.get(i).errorCode() != null) {
                refused.add(batch.get(i));
            }
        }
        return refused;
    }
}
