package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.dynamodb.Journal.Head;
import com.loyaltymemberships.dynamodb.Journal.Part;
import com.loyaltymemberships.dynamodb.Journal.State;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.WriteConflictException;
import com.loyaltymemberships.time.Backoff;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes a request's changes all or nothing, even if the process dies.
 *
 * <p>Up to {@value Transactions#MAX_ACTIONS} writes are one transaction, which DynamoDB applies atomically (a membership
 * written alone is one conditional PutItem, which is as atomic). A larger request (up to 1000 memberships) needs
 * several, and goes through a journal ({@link Journal}):
 * <ol>
 *   <li>it writes the journal: every transaction's writes, and a head with its owner and lease;</li>
 *   <li>it holds every existing item it will change ({@link Holds}), conditional on what it read: from then on no
 *       other request can write them. If the journal or a hold fails (storage failing or throttled, or a condition),
 *       or time runs short, it releases what it holds and deletes the journal: nothing changed;</li>
 *   <li>it marks the journal APPLYING: the point of no return;</li>
 *   <li>it applies its parts, each marking itself applied in the journal, and deletes the journal. A part of new and
 *       replaced memberships only is applied by single conditional puts ({@link PartPuts}); one that moves a primary
 *       pointer or keeps an answer is a transaction.</li>
 * </ol>
 * Every transaction, and every part's mark, checks that the request still owns the journal. If the process dies, {@link WriteRecovery} takes
 * the journal over once the lease ends, and releases the holds (before the point of no return) or applies what is
 * left (after it): the store ends exactly as before or exactly as after. Readers can see an APPLYING write in part,
 * for as long as it takes to apply (see RELIABILITY.md).
 */
final class ChangeWriter {

    /** The longest a single DynamoDB call may take: the client's total call timeout ({@link DynamoDbClients}). */
    static final Duration CALL = DynamoDbClients.CALL_TIMEOUT;

    private static final int FINISH_ATTEMPTS = 3;

    private final ItemActions actions;
    private final Landings landings;
    private final WriteRecovery recovery;
    private final Journal journal;
    private final Transactions transactions;
    /** For the views of one-item writes, made when one needs them (see {@link DynamoDbTables}). */
    private final DynamoDbTables tables;

    private final JsonLog log;

    ChangeWriter(DynamoDbTables tables, WriteRecovery recovery, JsonLog log) {
        this.actions = new ItemActions(tables);
        this.landings = new Landings(tables);
        this.recovery = recovery;
        this.journal = recovery.journal();
        this.transactions = new Transactions(tables.enhanced);
        this.tables = tables;
        this.log = log;
    }

    /**
     * @param groups writes that must be in the same transaction when the request needs several
     * @param id     the write's id, which a journal and its holds carry (the Idempotency-Key claim's, when there is one)
     * @throws WriteConflictException when something read changed meanwhile: nothing was written
     * @throws OutOfTimeException     when the deadline came first: nothing was written, or (see {@link OutOfTimeException})
     *                                recovery will finish it; when storage failed past the point of no return, with that
     *                                failure as its cause (a throttling one, say: {@link Throttling})
     * @throws RuntimeException       storage's own failure (throttling among them) before the point of no return: nothing
     *                                was written
     */
    void write(List<List<ItemWrite>> groups, Deadline deadline, String id) {
        List<ItemWrite> all = groups.stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            return;
        }
        if (all.size() <= Transactions.MAX_ACTIONS) {
            writeOnce(all, deadline);
        } else {
            writeJournaled(groups, all, deadline, id);
        }
    }

    /**
     * One transaction; or one PutItem for a membership written alone (no pointer, no kept answer), with the same
     * condition at half the units; or, for a new membership that becomes the first primary of its account, two PutItems:
     * the pointer's claim, then the membership ({@link PrimaryClaims}). When the outcome is unknown (a timeout, a lost
     * answer), the membership or answer it wrote is read back: the answer then tells what happened, and nothing is left
     * half done either way (a claim whose membership never lands is cleared after its lease).
     */
    private void writeOnce(List<ItemWrite> writes, Deadline deadline) {
        Optional<PrimaryClaims.Claim> claim = PrimaryClaims.Claim.of(writes);
        requireTime(deadline, claim.isPresent() ? CALL.multipliedBy(2) : CALL);
        try {
            if (writes.size() == 1 && ItemActions.isMembership(writes.get(0))) {
                orConflict(() -> tables.memberships().putItem(actions.alone(writes.get(0))));
            } else if (claim.isPresent()) {
                // The membership follows its claim at once, whatever the time: PrimaryClaims.LEASE counts on it.
                Instant until = deadline.clock().instant().plus(PrimaryClaims.LEASE);
                orConflict(() ->
                        tables.pointers().putItem(actions.claim(claim.get().pointer(), until)));
                orConflict(() ->
                        tables.memberships().putItem(actions.alone(claim.get().membership())));
            } else {
                runOrConflict(writes.stream().map(actions::direct).toList());
            }
        } catch (WriteConflictException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!landings.landed(writes)) {
                throw e;
            }
        }
    }

    private void writeJournaled(List<List<ItemWrite>> groups, List<ItemWrite> all, Deadline deadline, String id) {
        // Each transaction also checks the journal's owner and marks itself applied. The kept answer, which can be
        // large, goes alone in the last one.
        List<List<ItemWrite>> parts = pack(
                groups.stream()
                        .map(g -> g.stream()
                                .filter(w -> !(w instanceof ItemWrite.Keep))
                                .toList())
                        .filter(g -> !g.isEmpty())
                        .toList(),
                Transactions.MAX_ACTIONS - 2);
        List<ItemWrite> answers =
                all.stream().filter(w -> w instanceof ItemWrite.Keep).toList();
        if (!answers.isEmpty()) {
            parts.add(answers);
        }
        List<Part> journalParts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            journalParts.add(new Part(id, i, parts.get(i)));
        }
        Head head = new Head(id, id, State.HOLDING, deadline.at(), parts.size());
        requireTime(deadline, CALL.multipliedBy(2));

        Head applying = head.with(id, State.APPLYING, deadline.at());
        try {
            // Inside the try: a journal written in part (storage failed or throttled between its batches) is deleted
            // again, as a write that gives up later is, rather than left for recovery to find.
            journal.begin(head, journalParts);
            Duration slowest = Duration.ofMillis(100);
            for (List<ItemWrite> batch :
                    chunks(all.stream().filter(ItemActions::needsHold).toList(), Transactions.MAX_ACTIONS - 1)) {
                requireTime(deadline, CALL);
                Instant started = deadline.clock().instant();
                List<ItemActions.Action> holds = new ArrayList<>(List.of(journal.ownedBy(id, id)));
                batch.forEach(w -> holds.add(actions.hold(w, id)));
                runOrConflict(holds);
                slowest =
                        max(slowest, Duration.between(started, deadline.clock().instant()));
            }
            // Past the point of no return the write must be finished: pass it only with time, at the pace seen so far,
            // for its parts' calls (a transaction, or rounds of puts and a mark) and the four calls around them (read
            // what is applied: the head's marks and the transactions' markers; read the parts; delete the journal),
            // and one call's timeout to spare, which is what each of those steps checks is left.
            long calls = journalParts.stream().mapToLong(PartPuts::calls).sum();
            requireTime(deadline, slowest.multipliedBy(calls + 4L).plus(CALL));
            if (!journal.replace(head, applying)) {
                throw new WriteConflictException("the write's journal was taken over", null);
            }
        } catch (RuntimeException e) {
            releaseQuietly(head, e);
            throw e;
        }
        try {
            finishBefore(applying, deadline);
        } catch (RuntimeException e) {
            log.error("A write past its point of no return stopped; recovery will finish it", line -> {
                line.put("write", id);
                line.put("error", e.getClass().getSimpleName());
            });
            throw new OutOfTimeException(
                    "storage failed after the point of no return; recovery finishes the write", e, true);
        }
        if (!deadline.allows(CALL)) {
            log.info(
                    "No time left to delete the journal of a finished write; recovery will",
                    line -> line.put("write", id));
            return;
        }
        try {
            journal.end(applying);
        } catch (RuntimeException e) {
            // The write is whole; recovery deletes the journal of a write whose transactions are all applied.
            log.error("Could not delete the journal of a finished write; recovery will", line -> line.put("write", id));
        }
    }

    /** Past the point of no return: applies what is left, reading and trying again while storage fails and time allows. */
    private void finishBefore(Head applying, Deadline deadline) {
        for (int attempt = 1; ; attempt++) {
            try {
                recovery.applyRemaining(applying, deadline);
                return;
            } catch (WriteConflictException e) {
                throw e; // a recovery took the journal over: it finishes the write
            } catch (RuntimeException e) {
                if (attempt == FINISH_ATTEMPTS || !deadline.allows(CALL.multipliedBy(2))) {
                    throw e;
                }
                Backoff.pause(attempt);
            }
        }
    }

    /** Gives the write up: its holds come off and nothing changed; if that fails too, recovery does it once the lease ends. */
    private void releaseQuietly(Head head, RuntimeException cause) {
        try {
            recovery.release(head);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.error("Could not release a write that gave up; recovery will", line -> {
                line.put("write", head.id());
                line.put("error", e.getClass().getSimpleName());
            });
        }
    }

    /** Sends the transaction; a cancellation for changed data is a conflict, any other (capacity, say) is rethrown as it is. */
    private void runOrConflict(List<ItemActions.Action> transaction) {
        try {
            transactions.run(transaction);
        } catch (TransactionCanceledException e) {
            if (Transactions.isConflict(e)) {
                throw new WriteConflictException("a write condition failed", e);
            }
            throw e;
        }
    }

    /** Sends a conditional write of one item; its condition failing is a conflict. */
    private static void orConflict(Runnable write) {
        try {
            write.run();
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflictException("a write condition failed", e);
        }
    }

    private static void requireTime(Deadline deadline, Duration step) {
        if (!deadline.allows(step)) {
            throw new OutOfTimeException("not enough time left for the next storage step", null, false);
        }
    }

    /** Groups packed in order into transactions of at most {@code size} writes; a group never straddles two unless it alone is larger. */
    static List<List<ItemWrite>> pack(List<List<ItemWrite>> groups, int size) {
        List<List<ItemWrite>> packed = new ArrayList<>();
        List<ItemWrite> current = new ArrayList<>();
        for (List<ItemWrite> group : groups) {
            if (!current.isEmpty() && current.size() + group.size() > size) {
                packed.add(current);
                current = new ArrayList<>();
            }
            for (ItemWrite write : group) {
                if (current.size() == size) {
                    packed.add(current);
                    current = new ArrayList<>();
                }
                current.add(write);
            }
        }
        if (!current.isEmpty()) {
            packed.add(current);
        }
        return packed;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
