package com.loyaltymemberships.acceptance.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.loyaltymemberships.changes.ChangeEvent;
import com.loyaltymemberships.changes.ChangeFeed;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.local.StreamPoller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The membership change events of a table's stream, read on from where the last read stopped, as the consumer would. */
final class ChangeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ChangeEvent> put = new ArrayList<>();
    private final StreamPoller poller;

    ChangeEvents(DynamoDbEngine engine, DynamoDbClient dynamoDb, String table) {
        DynamoDbStreamsClient streams = engine.newStreamsClient();
        String streamArn =
                dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        ChangeFeed feed = new ChangeFeed(
                events -> {
                    put.addAll(events);
                    return List.of();
                },
                new JsonCodec(),
                1);
        this.poller = new StreamPoller(streams, streamArn, feed::publish, 1000, 0, dead -> {
            throw new AssertionError("nothing is refused here: " + dead);
        });
    }

    /** Each event since the last read, as its detail-type and EventId; asserts that none came twice. */
    Set<String> read() {
        put.clear();
        poller.drain();
        Set<String> events = new TreeSet<>();
        for (ChangeEvent event : put) {
            try {
                events.add(event.detailType() + " "
                        + JSON.readTree(event.detail()).get("EventId").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(put.size(), events.size(), "one event per membership version");
        return events;
    }
}
