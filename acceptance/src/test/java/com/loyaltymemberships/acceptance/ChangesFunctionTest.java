package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.loyaltymemberships.changes.ChangeEvent;
import com.loyaltymemberships.changes.ChangeStreamFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the consumer's Lambda entry on events/stream/changes.json (an add, then an update of State, Points and
 * Url, as moto's stream gave them), decoded by the Lambda runtime's own serializer as in AWS.
 */
class ChangesFunctionTest {

    private static final Path SAMPLE = EventsTest.EVENTS.resolve("stream/changes.json");

    private static DynamodbEvent sample() throws IOException {
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, ChangesFunctionTest.class.getClassLoader())
                    .fromJson(in);
        }
    }

    @Test
    void theSampleGivesAnAddAndAnUpdateWithWhatChanged() throws IOException {
        List<ChangeEvent> put = new ArrayList<>();
        StreamsEventResponse answer = new ChangeStreamFunction(events -> {
                    put.addAll(events);
                    return List.of();
                })
                .handle(sample());
        assertEquals(List.of(), answer.getBatchItemFailures());
        assertEquals(
                List.of("LoyaltyMembershipAdded", "LoyaltyMembershipUpdated"),
                put.stream().map(ChangeEvent::detailType).toList());
        JsonNode update = TestApi.JSON.readTree(put.get(1).detail());
        assertEquals(
                "{\"State\":\"Enrolled\",\"Points\":22,\"Url\":\"https://rewards.example.com/member/PRV-MBR-9842XKLT\"}",
                update.get("Changes").toString());
        assertEquals(2, update.get("Version").asInt());
    }

    @Test
    void anEventTheBusKeepsRefusingIsTheBatchItemFailure() throws IOException {
        DynamodbEvent sample = sample();
        String update = sample.getRecords().get(1).getDynamodb().getSequenceNumber();
        // The update's event is refused every time; the add's goes on the bus.
        StreamsEventResponse answer = new ChangeStreamFunction(
                        events -> events.stream().filter(e -> e.version() == 2).toList())
                .handle(sample);
        assertEquals(1, answer.getBatchItemFailures().size());
        assertEquals(update, answer.getBatchItemFailures().get(0).getItemIdentifier());
    }
}
