package com.loyaltymemberships.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.dynamodb.MembershipItems;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The feed's order and retries, on stream records built from items as the service stores them and a bus of our own
 * port that refuses what a test says (the stream and the bus themselves: MembershipEventsTest, EventDeliveryTest).
 */
class ChangeFeedTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** A bus that refuses the events {@code refuse} picks, and records every call. */
    private static final class ScriptedBus implements EventBus {
        final List<List<ChangeEvent>> calls = new ArrayList<>();
        final List<ChangeEvent> onTheBus = new ArrayList<>();
        Predicate<ChangeEvent> refuse = e -> false;

        @Override
        public List<ChangeEvent> put(List<ChangeEvent> events) {
            calls.add(events);
            List<ChangeEvent> refused = new ArrayList<>();
            for (ChangeEvent event : events) {
                if (refuse.test(event)) {
                    refused.add(event);
                } else {
                    onTheBus.add(event);
                }
            }
            return refused;
        }
    }

    private static Membership membership(UUID id, int points, long version) {
        return new Membership(
                id,
                UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
                UUID.nameUUIDFromBytes((id + "account").getBytes(StandardCharsets.UTF_8)),
                UUID.nameUUIDFromBytes((id + "program").getBytes(StandardCharsets.UTF_8)),
                MembershipState.ENROLLED,
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.of(points),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Profile.INTEGRATION,
                Profile.INTEGRATION,
                T0,
                T0.plusSeconds(version),
                ActivityState.ACTIVE,
                version,
                Optional.of("request-" + version));
    }

    private static Map<String, AttributeValue> item(Membership m) {
        return MembershipItems.of(m);
    }

    /** A membership added, then its Points changed twice: three records in stream order. */
    private static List<StreamRecord> threeVersions(UUID id, int firstSequence) {
        Membership v1 = membership(id, 1, 1);
        Membership v2 = membership(id, 2, 2);
        Membership v3 = membership(id, 3, 3);
        return List.of(
                new StreamRecord(Integer.toString(firstSequence), Map.of(), item(v1)),
                new StreamRecord(Integer.toString(firstSequence + 1), item(v1), item(v2)),
                new StreamRecord(Integer.toString(firstSequence + 2), item(v2), item(v3)));
    }

    private static List<Long> versionsOf(List<ChangeEvent> events, UUID id) {
        return events.stream()
                .filter(e -> e.membershipId().equals(id))
                .map(ChangeEvent::version)
                .toList();
    }

    @Test
    void aCallHoldsOneEventPerMembershipAndEachMembershipsEventsGoInVersionOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<StreamRecord> records = new ArrayList<>(threeVersions(a, 100));
        records.addAll(threeVersions(b, 200));
        ScriptedBus bus = new ScriptedBus();
        assertEquals(Optional.empty(), new ChangeFeed(bus, new JsonCodec(), 3).publish(records));
        assertEquals(3, bus.calls.size(), "a round per version, both memberships in each");
        bus.calls.forEach(call -> assertEquals(
                call.size(),
                call.stream().map(ChangeEvent::membershipId).distinct().count()));
        assertEquals(List.of(1L, 2L, 3L), versionsOf(bus.onTheBus, a));
        assertEquals(List.of(1L, 2L, 3L), versionsOf(bus.onTheBus, b));
    }

    @Test
    void aRefusedEventHoldsBackOnlyItsOwnMembershipAndGoesAgain() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<StreamRecord> records = new ArrayList<>(threeVersions(a, 100));
        records.addAll(threeVersions(b, 200));
        ScriptedBus bus = new ScriptedBus();
        int[] refusals = {2};
        bus.refuse = e -> e.membershipId().equals(a) && e.version() == 1 && refusals[0]-- > 0;
        assertEquals(Optional.empty(), new ChangeFeed(bus, new JsonCodec(), 3).publish(records));
        assertEquals(List.of(1L, 2L, 3L), versionsOf(bus.onTheBus, a));
        assertEquals(List.of(1L, 2L, 3L), versionsOf(bus.onTheBus, b));
        // b's events went on while a's first was refused.
        assertTrue(bus.onTheBus.indexOf(bus.onTheBus.stream()
                        .filter(e -> e.membershipId().equals(b) && e.version() == 2)
                        .findFirst()
                        .orElseThrow())
                < bus.onTheBus.indexOf(bus.onTheBus.stream()
                        .filter(e -> e.membershipId().equals(a) && e.version() == 1)
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void whatTheBusKeepsRefusingNamesTheFirstRecordNotOnTheBus() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<StreamRecord> records = new ArrayList<>(threeVersions(b, 100));
        records.addAll(threeVersions(a, 200));
        ScriptedBus bus = new ScriptedBus();
        bus.refuse = e -> e.membershipId().equals(a) && e.version() == 2;
        assertEquals(Optional.of("201"), new ChangeFeed(bus, new JsonCodec(), 3).publish(records));
        assertEquals(List.of(1L), versionsOf(bus.onTheBus, a), "nothing of a after its refused version");
        assertEquals(List.of(1L, 2L, 3L), versionsOf(bus.onTheBus, b));
        assertEquals(
                3,
                bus.calls.stream().filter(c -> c.stream().anyMatch(bus.refuse)).count(),
                "3 attempts");
    }

    @Test
    void aVersionThatChangesNothingGetAllShowsAndAHoldGiveNoEvent() {
        UUID id = UUID.randomUUID();
        Membership v1 = membership(id, 1, 1);
        Membership sameView = membership(id, 1, 2);
        Map<String, AttributeValue> held = new java.util.HashMap<>(item(sameView));
        held.put("Lock", AttributeValue.fromS("a-large-write"));
        ScriptedBus bus = new ScriptedBus();
        new ChangeFeed(bus, new JsonCodec(), 1)
                .publish(List.of(
                        new StreamRecord("1", item(v1), item(sameView)),
                        new StreamRecord("2", item(sameView), held),
                        new StreamRecord("3", held, item(sameView)),
                        new StreamRecord("4", item(sameView), Map.of())));
        assertEquals(List.of(), bus.onTheBus);
    }
}
