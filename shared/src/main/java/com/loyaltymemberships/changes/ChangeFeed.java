package com.loyaltymemberships.changes;

import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.time.Backoff;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts the events of a batch of stream records on the bus: one per committed membership version
 * ({@link MembershipChange}), each membership's in version order, every event tried again while the bus refuses it.
 *
 * <p>Order: a membership's records come in version order within a stream shard, and its next event is put only once
 * the one before it is on the bus, in a later call: one call holds at most one event per membership. A refused event
 * holds back its membership's later ones, not the other memberships'.
 *
 * <p>What the bus still refuses after {@code attempts} rounds with refusals is left to the stream: the answer names the first record
 * whose event is not on the bus, and Lambda sends the batch again from that record (a partial batch response), until
 * its own retries run out and the batch goes to the dead-letter queue. Events of later records that were put already
 * are then put again, with the same id ({@link MembershipChange#eventId}): a subscriber drops the repeat.
 */
public final class ChangeFeed {

    private final EventBus bus;
    private final JsonCodec json;
    private final int attempts;

    /** @param attempts rounds in which the bus refuses something, before what it refused is left to the stream */
    public ChangeFeed(EventBus bus, JsonCodec json, int attempts) {
        this.bus = bus;
        this.json = json;
        this.attempts = attempts;
    }

    /** @return the sequence number of the first record whose event is not on the bus; empty when every one is */
    public Optional<String> publish(List<StreamRecord> records) {
        Map<UUID, Deque<Pending>> byMembership = new LinkedHashMap<>();
        for (StreamRecord record : records) {
            MembershipChange.of(record.oldImage(), record.newImage())
                    .ifPresent(change -> byMembership
                            .computeIfAbsent(change.after().id(), id -> new ArrayDeque<>())
                            .add(new Pending(record.sequenceNumber(), event(change))));
        }
        // Rounds go on while events are left: a membership with several versions in the batch needs one each.
        int refusedRounds = 0;
        while (!byMembership.isEmpty()) {
            if (putEachMembershipsNext(byMembership)) {
                refusedRounds++;
                if (refusedRounds == attempts) {
                    break;
                }
                Backoff.pause(refusedRounds);
            }
        }
        return byMembership.values().stream()
                .map(Deque::peekFirst)
                .map(Pending::sequenceNumber)
                .min(Comparator.comparing(ChangeFeed::sequenceOrder));
    }

    /** One call per {@link EventBus#MAX_EVENTS} memberships, of each one's next event; true when the bus refused any. */
    private boolean putEachMembershipsNext(Map<UUID, Deque<Pending>> byMembership) {
        List<Pending> next =
                byMembership.values().stream().map(Deque::peekFirst).toList();
        boolean refused = false;
        for (int from = 0; from < next.size(); from += EventBus.MAX_EVENTS) {
            List<Pending> call = next.subList(from, Math.min(next.size(), from + EventBus.MAX_EVENTS));
            List<ChangeEvent> notPut = bus.put(call.stream().map(Pending::event).toList());
            refused |= !notPut.isEmpty();
            for (Pending sent : call) {
                if (!notPut.contains(sent.event())) {
                    UUID membership = sent.event().membershipId();
                    byMembership.get(membership).removeFirst();
                    if (byMembership.get(membership).isEmpty()) {
                        byMembership.remove(membership);
                    }
                }
            }
        }
        return refused;
    }

    private ChangeEvent event(MembershipChange change) {
        return new ChangeEvent(
                change.kind().detailType(),
                json.write(change.detail()),
                change.after().updatedUtc(),
                change.after().id(),
                change.after().version());
    }

    /** Sequence numbers are decimal strings of up to 40 digits: ordered by length, then by text. */
    private static String sequenceOrder(String sequenceNumber) {
        return String.format("%40s", sequenceNumber);
    }

    private record Pending(String sequenceNumber, ChangeEvent event) {}
}
