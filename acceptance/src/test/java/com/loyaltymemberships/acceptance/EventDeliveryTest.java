package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.changes.ChangeEvent;
import com.loyaltymemberships.changes.ChangeFeed;
import com.loyaltymemberships.changes.EventBridgeBus;
import com.loyaltymemberships.changes.EventBus;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.local.StreamPoller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 15: change events reach a real bus (the engine's EventBridge, moto's or LocalStack's) and a subscriber of it (a
 * rule with an SQS target, as README shows), once per membership version, in order per membership; refused entries are
 * tried again, and what the bus keeps refusing goes to the dead letters; a consumer that dies mid-batch and runs again
 * repeats events only with their own id.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class EventDeliveryTest {

    private TestApi api;
    private DynamoDbStreamsClient streams;
    private EventBridgeClient events;
    private SqsClient sqs;
    private String streamArn;
    private String busName;
    private String queueUrl;
    private final BusRefusals refusals = new BusRefusals();
    private final List<StreamPoller.DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start(DynamoDbClient dynamoDb, DynamoDbEngine engine) {
        api = TestApi.create(dynamoDb);
        streams = engine.newStreamsClient();
        streamArn =
                dynamoDb.describeTable(r -> r.tableName(api.tableName)).table().latestStreamArn();
        events = engine.engineClient(EventBridgeClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(refusals))
                .build();
        sqs = engine.engineClient(SqsClient.builder()).build();
        busName = TableNames.unique("events");
        events.createEventBus(r -> r.name(busName));
        queueUrl = sqs.createQueue(r -> r.queueName(busName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        events.putRule(r ->
                r.name("memberships").eventBusName(busName).eventPattern("{\"source\":[\"loyalty-memberships\"]}"));
        events.putTargets(r -> r.rule("memberships")
                .eventBusName(busName)
                .targets(t -> t.id("queue").arn(queueArn)));
    }

    @AfterEach
    void stop() {
        streams.close();
        events.close();
        sqs.close();
    }

    private StreamPoller poller(EventBus bus) {
        ChangeFeed feed = new ChangeFeed(bus, new JsonCodec(), 3);
        return new StreamPoller(streams, streamArn, feed::publish, 100, 2, deadLetters::add);
    }

    /** What the subscriber's queue received: each event's detail, in order. */
    private List<JsonNode> received() {
        List<JsonNode> details = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(
                            r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                return details;
            }
            for (Message message : messages) {
                try {
                    JsonNode envelope = TestApi.JSON.readTree(message.body());
                    assertEquals(List.of(), EventSchema.get().validate(envelope), "events.schema.json: " + envelope);
                    assertEquals("loyalty-memberships", envelope.get("source").asText());
                    JsonNode detail = envelope.get("detail");
                    assertEquals(
                            envelope.get("detail-type").asText(), kind(detail), "the detail-type names what happened");
                    details.add(detail);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** The detail-type a detail's shape implies (an add has version 1, a delete no Changes after version 1). */
    private static String kind(JsonNode detail) {
        if (detail.get("Version").asLong() == 1) {
            return "LoyaltyMembershipAdded";
        }
        return detail.get("Changes").isNull() ? "LoyaltyMembershipDeleted" : "LoyaltyMembershipUpdated";
    }

    /** Per membership, the versions received, in order. */
    private static Map<String, List<Long>> versions(List<JsonNode> details) {
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        details.forEach(d -> versions.computeIfAbsent(
                        d.get("LoyaltyMembership").get("Id").asText(), id -> new ArrayList<>())
                .add(d.get("Version").asLong()));
        return versions;
    }

    private List<String> addTwoAndUpdateBoth() {
        List<String> ids = api
                .add(
                        CHAIN_A_ACCESS_TOKEN,
                        CHAIN_A,
                        item(UUID.randomUUID(), UUID.randomUUID(), false),
                        item(UUID.randomUUID(), UUID.randomUUID(), false))
                .stream()
                .map(m -> m.get("Id").asText())
                .toList();
        ObjectNode body = body(CHAIN_A_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        body.set(
                "LoyaltyMembershipUpdates",
                array(
                        TestApi.JSON
                                .createObjectNode()
                                .put("LoyaltyMembershipId", ids.get(0))
                                .set("Points", wrapped(7)),
                        TestApi.JSON
                                .createObjectNode()
                                .put("LoyaltyMembershipId", ids.get(1))
                                .set("Points", wrapped(8))));
        assertEquals(200, api.post("update", body).status());
        return ids;
    }

    @Test
    void aSubscriberReceivesEachVersionOnceInOrder() {
        List<String> ids = addTwoAndUpdateBoth();
        poller(new EventBridgeBus(events, busName)).drain();
        assertEquals(Map.of(ids.get(0), List.of(1L, 2L), ids.get(1), List.of(1L, 2L)), versions(received()));
        assertEquals(List.of(), deadLetters);
    }

    @Test
    void refusedEntriesAreTriedAgainInOrder() {
        List<String> ids = addTwoAndUpdateBoth();
        AtomicBoolean first = new AtomicBoolean(true);
        // The bus refuses the first event of the first membership once, then takes it.
        refusals.refuse(entry -> entry.detail().contains(ids.get(0)) && first.getAndSet(false));
        poller(new EventBridgeBus(events, busName)).drain();
        assertEquals(1, refusals.refusals.get());
        assertEquals(Map.of(ids.get(0), List.of(1L, 2L), ids.get(1), List.of(1L, 2L)), versions(received()));
        assertEquals(List.of(), deadLetters);
    }

    @Test
    void whatTheBusKeepsRefusingGoesToTheDeadLettersAndHoldsBackItsMembershipsLaterEvents() {
        List<String> ids = addTwoAndUpdateBoth();
        refusals.refuse(entry -> entry.detail().contains(ids.get(0)));
        poller(new EventBridgeBus(events, busName)).drain();
        // 3 rounds per invocation, 1 + 2 retries of the batch: the first membership's version 1, every time.
        assertEquals(9, refusals.refusals.get());
        assertEquals(1, deadLetters.size());
        // The other membership's events go again with each retry of the batch, with their own ids: a subscriber drops
        // the repeats.
        assertEquals(
                Map.of(ids.get(1), List.of(1L, 2L)),
                versions(distinct(received())),
                "nothing of the refused membership, not even its version 2, which the bus would have taken");
    }

    @Test
    void aConsumerThatDiesMidBatchRepeatsEventsWithTheirOwnIdsAndLosesNone() {
        List<String> ids = addTwoAndUpdateBoth();
        EventBus bus = new EventBridgeBus(events, busName);
        AtomicBoolean died = new AtomicBoolean();
        // Dies after its first call to the bus, once: the batch is handed again from its start.
        EventBus dying = batch -> {
            List<ChangeEvent> refused = bus.put(batch);
            if (!died.getAndSet(true)) {
                throw new IllegalStateException("the consumer died");
            }
            return refused;
        };
        poller(dying).drain();
        List<JsonNode> received = received();
        List<JsonNode> distinct = distinct(received);
        assertTrue(received.size() > distinct.size(), "the first call's events were sent again: " + received.size());
        assertEquals(Map.of(ids.get(0), List.of(1L, 2L), ids.get(1), List.of(1L, 2L)), versions(distinct));
    }

    /** What a subscriber keeps: the first of each EventId, after checking that every repeat is the same event. */
    private static List<JsonNode> distinct(List<JsonNode> received) {
        Map<String, JsonNode> byEventId = new LinkedHashMap<>();
        for (JsonNode detail : received) {
            JsonNode same = byEventId.putIfAbsent(detail.get("EventId").asText(), detail);
            assertTrue(same == null || same.equals(detail), "a repeat is the same event: " + detail);
        }
        return List.copyOf(byEventId.values());
    }
}
