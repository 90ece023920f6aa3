package com.loyaltymemberships.changes;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbRecordTransformer;
import com.loyaltymemberships.contract.JsonCodec;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The change stream's consumer as Lambda runs it (functions/changes): a batch of the table's stream records in, their
 * events on the bus ({@link ChangeFeed}), and a partial batch response naming the first record whose event is not.
 * Configured by {@code EVENT_BUS_NAME}, {@code AWS_REGION} and, for a local bus, {@code EVENTS_ENDPOINT}.
 */
public final class ChangeStreamFunction {

    /** Rounds of putting what EventBridge refuses within one invocation, before Lambda retries from that record. */
    static final int ATTEMPTS = 4;

    private final ChangeFeed feed;

    public ChangeStreamFunction(EventBus bus) {
        this.feed = new ChangeFeed(bus, new JsonCodec(), ATTEMPTS);
    }

    /** The consumer of the bus the environment names. */
    public static ChangeStreamFunction fromEnvironment() {
        String region = Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1");
        Optional<URI> endpoint =
                Optional.ofNullable(System.getenv("EVENTS_ENDPOINT")).map(URI::create);
        String bus = Optional.ofNullable(System.getenv("EVENT_BUS_NAME"))
                .orElseThrow(() -> new IllegalStateException("EVENT_BUS_NAME is not set"));
        return new ChangeStreamFunction(new EventBridgeBus(EventBridgeClients.create(region, endpoint), bus));
    }

    /** A batch as Lambda hands it over: the failure it answers names the first record whose event is not on the bus. */
    public StreamsEventResponse handle(DynamodbEvent event) {
        List<StreamRecord> records = event.getRecords().stream()
                .map(r -> StreamRecord.of(DynamodbRecordTransformer.toRecordV2(r)))
                .toList();
        return StreamsEventResponse.builder()
                .withBatchItemFailures(publish(records)
                        .map(sequence -> List.of(new StreamsEventResponse.BatchItemFailure(sequence)))
                        .orElse(List.of()))
                .build();
    }

    /**
     * A batch as read from the stream (the local server's poller): the sequence number of the first record whose event
     * is not on the bus, if any.
     */
    public Optional<String> publish(List<StreamRecord> records) {
        return feed.publish(records);
    }
}
