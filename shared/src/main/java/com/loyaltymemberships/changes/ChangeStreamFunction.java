package com.loyaltymemberships.changes;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbRecordTransformer;
import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.dynamodb.MembershipItems;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipIds;
import com.loyaltymemberships.membership.PrimingSample;
import com.loyaltymemberships.membership.Profile;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change stream's consumer as Lambda runs it (functions/changes): a batch of the table's stream records in, their
 * events on the bus ({@link ChangeFeed}), and a partial batch response naming the first record whose event is not.
 * Configured by {@code EVENT_BUS_NAME}, {@code AWS_REGION} and, for a local bus, {@code EVENTS_ENDPOINT}.
 */
public final class ChangeStreamFunction {

    /** Rounds of putting what EventBridge refuses within one invocation, before Lambda retries from that record. */
    static final int ATTEMPTS = 4;

    private final JsonCodec json = new JsonCodec();
    private final ChangeFeed feed;

    public ChangeStreamFunction(EventBus bus) {
        this.feed = new ChangeFeed(bus, json, ATTEMPTS);
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
     * Warms the JVM before a SnapStart snapshot, sending nothing: a made-up membership's add, update and delete, as
     * stream records, turned into their events (the item's schema, the changed properties, the events' JSON) on a bus
     * that only collects them, and a record through Lambda's transformer. The EventBridge client is built in static init; its
     * connection is opened by the first batch after restore.
     *
     * @return the events the priming built (none of them sent)
     */
    public List<ChangeEvent> prime() {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
                .withSequenceNumber("0")
                .withApproximateCreationDateTime(new Date(0))
                .withKeys(Map.of(
                        "PK", new AttributeValue("MEMBERSHIP#" + PrimingSample.CHAIN),
                        "SK", new AttributeValue("MEMBERSHIP"))));
        DynamodbRecordTransformer.toRecordV2(record);
        Membership added = PrimingSample.membership(new MembershipIds(Clock.systemUTC()).next())
                .writtenIn("snapstart-priming");
        Membership updated = added.withPrimary(false)
                .changed(Profile.INTEGRATION, added.updatedUtc().plusSeconds(1))
                .writtenIn("snapstart-priming");
        Membership deleted = updated.withActivityState(ActivityState.DELETED)
                .changed(Profile.INTEGRATION, updated.updatedUtc().plusSeconds(1))
                .writtenIn("snapstart-priming");
        List<ChangeEvent> built = new ArrayList<>();
        new ChangeFeed(
                        events -> {
                            built.addAll(events);
                            return List.of();
                        },
                        json,
                        1)
                .publish(List.of(
                        new StreamRecord("1", Map.of(), MembershipItems.of(added)),
                        new StreamRecord("2", MembershipItems.of(added), MembershipItems.of(updated)),
                        new StreamRecord("3", MembershipItems.of(updated), MembershipItems.of(deleted))));
        return built;
    }

    /**
     * A batch as read from the stream (the local server's poller): the sequence number of the first record whose event
     * is not on the bus, if any.
     */
    public Optional<String> publish(List<StreamRecord> records) {
        return feed.publish(records);
    }
}
