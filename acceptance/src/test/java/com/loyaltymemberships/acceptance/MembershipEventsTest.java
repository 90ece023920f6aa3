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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.changes.ChangeEvent;
import com.loyaltymemberships.changes.ChangeFeed;
import com.loyaltymemberships.changes.EventBus;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.local.StreamPoller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Issue 15: every membership version that the API commits gives one event, and nothing else in the table does; read
 * from the engine's own change stream (moto implements DynamoDB Streams), as the deployed consumer reads it.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class MembershipEventsTest {

    /** One event as a subscriber would read it. */
    record Heard(String detailType, String membershipId, long version, JsonNode detail) {
        static Heard of(ChangeEvent event) {
            try {
                JsonNode detail = TestApi.JSON.readTree(new String(event.detail(), StandardCharsets.UTF_8));
                return new Heard(
                        event.detailType(),
                        detail.get("LoyaltyMembership").get("Id").asText(),
                        detail.get("Version").asLong(),
                        detail);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private TestApi api;
    private DynamoDbStreamsClient streams;
    private final List<ChangeEvent> onTheBus = new CopyOnWriteArrayList<>();
    private StreamPoller poller;

    @BeforeEach
    void start(DynamoDbClient dynamoDb, DynamoDbEngine engine) {
        api = TestApi.create(dynamoDb);
        streams = engine.newStreamsClient();
        String streamArn =
                dynamoDb.describeTable(r -> r.tableName(api.tableName)).table().latestStreamArn();
        EventBus bus = events -> {
            onTheBus.addAll(events);
            return List.of();
        };
        ChangeFeed feed = new ChangeFeed(bus, new JsonCodec(), 3);
        poller = new StreamPoller(streams, streamArn, feed::publish, 100, 2, dead -> {
            throw new AssertionError("nothing should be given up: " + dead);
        });
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    private List<Heard> heard() {
        poller.drain();
        return onTheBus.stream().map(Heard::of).toList();
    }

    @Test
    void everyCommittedVersionGivesOneEventInOrderAndNothingElseDoes() {
        UUID account = UUID.randomUUID();
        List<JsonNode> added = api.add(
                CHAIN_A_ACCESS_TOKEN,
                CHAIN_A,
                item(account, UUID.randomUUID(), true),
                item(UUID.randomUUID(), UUID.randomUUID(), false));
        String a = added.get(0).get("Id").asText();
        String b = added.get(1).get("Id").asText();
        // A change of Points, then an update of b that changes nothing getAll shows (a new version all the same).
        update(a, "Points", 20);
        update(b, "MembershipNumber", added.get(1).get("MembershipNumber").textValue());
        // A new primary for a's account: a loses it.
        String c = api.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(account, UUID.randomUUID(), true))
                .get(0)
                .get("Id")
                .asText();
        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(b));
        assertEquals(200, api.post("delete", delete).status());
        // A keyed add, and the same request again: one membership, one event.
        ObjectNode keyed = body(CHAIN_A_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        keyed.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        String d =
                api.post("add", "key-1", keyed).memberships().get(0).get("Id").asText();
        assertEquals(200, api.post("add", "key-1", keyed).status());
        // Refused and read-only requests write token state only.
        assertEquals(
                200,
                api.getAll(CHAIN_A_ACCESS_TOKEN, TestApi.JSON.createObjectNode())
                        .status());

        List<Heard> heard = heard();

        assertEquals(
                Map.of(
                        a,
                        List.of(
                                "LoyaltyMembershipAdded v1",
                                "LoyaltyMembershipUpdated v2",
                                "LoyaltyMembershipUpdated v3"),
                        b,
                        List.of("LoyaltyMembershipAdded v1", "LoyaltyMembershipDeleted v3"),
                        c,
                        List.of("LoyaltyMembershipAdded v1"),
                        d,
                        List.of("LoyaltyMembershipAdded v1")),
                byMembership(heard),
                "each membership's events in version order; b's version 2 changed nothing getAll shows");
        assertEquals(
                "{\"Points\":null}", find(heard, a, 2).detail().get("Changes").toString());
        assertEquals(
                20,
                find(heard, a, 2)
                        .detail()
                        .get("LoyaltyMembership")
                        .get("Points")
                        .asInt());
        assertEquals(
                "{\"IsPrimary\":true}",
                find(heard, a, 3).detail().get("Changes").toString());
        assertTrue(find(heard, b, 3).detail().get("Changes").isNull());
        assertTrue(find(heard, a, 1).detail().get("Changes").isNull());
    }

    @Test
    void theDetailIsTheMembershipAsGetAllAnswersItWithAnIdPerVersion() {
        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        add.set("LoyaltyMemberships", array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        Response response = api.post("add", add);
        JsonNode added = response.memberships().get(0);
        List<Heard> heard = heard();
        assertEquals(1, heard.size());
        JsonNode detail = heard.get(0).detail();
        assertEquals(
                List.of("EventId", "ChainId", "LoyaltyMembership", "Changes", "Version", "ChangedUtc", "RequestId"),
                fieldNames(detail));
        assertEquals(added, detail.get("LoyaltyMembership"));
        assertEquals(CHAIN_A.toString(), detail.get("ChainId").asText());
        assertEquals(
                UUID.nameUUIDFromBytes((added.get("Id").asText() + "#1").getBytes(StandardCharsets.UTF_8))
                        .toString(),
                detail.get("EventId").asText());
        assertEquals(
                response.header("Request-Id").orElseThrow(),
                detail.get("RequestId").asText());
        assertTrue(detail.get("ChangedUtc").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    /** A large write (journaled, several transactions) gives its events as its transactions apply, each naming it. */
    @Test
    void aThousandMembershipAddGivesAThousandEventsOfItsRequest() {
        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        ArrayNode items = add.putArray("LoyaltyMemberships");
        for (int i = 0; i < 1000; i++) {
            items.add(item(UUID.randomUUID(), UUID.randomUUID(), false));
        }
        Response response = api.post("add", add);
        Set<String> ids = new HashSet<>();
        response.memberships().forEach(m -> ids.add(m.get("Id").asText()));
        List<Heard> heard = heard();
        assertEquals(1000, heard.size());
        assertEquals(ids, heard.stream().map(Heard::membershipId).collect(Collectors.toSet()));
        String requestId = response.header("Request-Id").orElseThrow();
        heard.forEach(h -> {
            assertEquals("LoyaltyMembershipAdded", h.detailType());
            assertEquals(requestId, h.detail().get("RequestId").asText());
        });
    }

    private void update(String id, String field, Object value) {
        ObjectNode body = body(CHAIN_A_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        ObjectNode update = TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", id);
        update.set(field, wrapped(value));
        body.set("LoyaltyMembershipUpdates", array(update));
        assertEquals(200, api.post("update", body).status());
    }

    /** Per membership, its events in the order they reached the bus. */
    private static Map<String, List<String>> byMembership(List<Heard> heard) {
        Map<String, List<String>> events = new LinkedHashMap<>();
        heard.forEach(h -> events.computeIfAbsent(h.membershipId(), id -> new ArrayList<>())
                .add(h.detailType() + " v" + h.version()));
        return events;
    }

    private static Heard find(List<Heard> heard, String membershipId, long version) {
        return heard.stream()
                .filter(h -> h.membershipId().equals(membershipId) && h.version() == version)
                .findFirst()
                .orElseThrow(() -> new AssertionError(membershipId + " v" + version + " not in " + heard));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
