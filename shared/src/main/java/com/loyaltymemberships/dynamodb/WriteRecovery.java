package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.dynamodb.Journal.Head;
import com.loyaltymemberships.dynamodb.Journal.Part;
import com.loyaltymemberships.dynamodb.Journal.State;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.logging.RecoveryLog;
import com.loyaltymemberships.time.Backoff;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Makes the store whole again after a multi-transaction write whose owner is gone (its process died, or it stopped
 * past its point of no return): once the journal's lease has ended, it takes the journal over and either releases the
 * write's holds (it had not passed its point of no return: nothing changed) or applies its remaining transactions.
 * Run on a schedule (the template's RecoveryFunction, the local server's sweeper) and by any writer that meets an
 * abandoned hold or Idempotency-Key. Two recoveries of one write cannot both proceed: each takes the journal over
 * with a conditional write, and every transaction checks who owns it.
 */
public final class WriteRecovery {

    /** How long a recovery owns a journal it took over. */
    private static final Duration LEASE = ChangeWriter.CALL.multipliedBy(10);

    private static final int MAX_ATTEMPTS = 4;

    private final Journal journal;
    private final ItemActions actions;
    private final Transactions transactions;
    private final PartPuts puts;
    private final BatchReader batchReader;
    private final DynamoDbTables tables;
    private final Clock clock;
    private final JsonLog log;
    private final RecoveryLog runs;

    public WriteRecovery(DynamoDbTables tables, Clock clock, JsonLog log) {
        this.tables = tables;
        this.journal = new Journal(tables);
        this.actions = new ItemActions(tables);
        this.transactions = new Transactions(tables.enhanced);
        this.puts = new PartPuts(tables, journal);
        this.batchReader = new BatchReader(tables.enhanced, new Fanout(1));
        this.clock = clock;
        this.log = log;
        this.runs = new RecoveryLog(log, clock);
    }

    Journal journal() {
        return journal;
    }

    /** The clock leases are measured on, the claims' too ({@link PrimaryClaims}). */
    Clock clock() {
        return clock;
    }

    /**
     * Recovers every write whose owner is gone; returns how many it made whole. One that fails is logged and left: the
     * next run takes it over again once this run's lease on it ends. A run that found any logs how many it found, made
     * whole and left, as metrics ({@link RecoveryLog}).
     */
    public int recoverAbandoned() {
        int abandoned = 0;
        int recovered = 0;
        int unrecovered = 0;
        for (Head head : journal.heads()) {
            if (!isAbandoned(head)) {
                continue;
            }
            abandoned++;
            try {
                if (recover(head)) {
                    recovered++;
                }
            } catch (RuntimeException e) {
                unrecovered++;
                log.error("Could not recover an abandoned write; the next run will", line -> {
                    line.put("write", head.id());
                    line.put("error", e.getClass().getSimpleName());
                });
            }
        }
        runs.record(abandoned, recovered, unrecovered);
        return recovered;
    }

    /**
     * Recovers the write with this id if its owner is gone. Returns false while it still runs (or another recovery
     * has it); true when there is nothing of it left to recover.
     */
    public boolean recover(String id) {
        Optional<Head> head = journal.head(id);
        return head.isEmpty() || (isAbandoned(head.get()) && recover(head.get()));
    }

    /** Whether a write with this id still runs: its journal is there and its lease has not ended. */
    boolean isRunning(String id) {
        return journal.head(id).filter(h -> !isAbandoned(h)).isPresent();
    }

    private boolean isAbandoned(Head head) {
        return head.leaseUntil().isBefore(clock.instant());
    }

    private boolean recover(Head abandoned) {
        String me = "recovery-" + UUID.randomUUID();
        Head head = abandoned.with(me, abandoned.state(), clock.instant().plus(LEASE));
        if (!journal.replace(abandoned, head)) {
            return false;
        }
        if (head.state() == State.APPLYING) {
            finish(head);
        } else {
            release(head);
        }
        log.info("recovered an abandoned write", line -> {
            line.put("write", head.id());
            line.put("finished", head.state() == State.APPLYING);
        });
        return true;
    }

    /**
     * Applies every part of the write that is not applied yet, then deletes its journal: for the write itself past its
     * point of no return, and for a recovery. A part of new and replaced memberships only is applied by single puts
     * ({@link PartPuts}); a part that moves a primary pointer or keeps an answer is one transaction, which checks the
     * journal's owner and marks itself applied. A transaction whose outcome is unknown (a timeout, a lost answer) is
     * looked up by its applied marker, and sent again if it did not land; its conditions are the write's holds, which
     * nobody else can take meanwhile. Puts are sent again whatever happened to them: one that did land fails its
     * condition harmlessly.
     */
    void finish(Head head) {
        // A recovery owns the journal until its lease ends; past that another may take it over.
        applyRemaining(head, new Deadline(clock, head.leaseUntil()));
        journal.end(head);
    }

    /**
     * The transactions of {@link #finish} without deleting the journal: once they are applied, the write is whole. Each
     * starts only with time for it before {@code deadline}; else the rest is left to a recovery.
     */
    void applyRemaining(Head head, Deadline deadline) {
        Set<Integer> applied = journal.applied(head.id());
        for (Part part : journal.parts(head.id())) {
            if (!applied.contains(part.index())) {
                if (!deadline.allows(ChangeWriter.CALL)) {
                    throw new OutOfTimeException(
                            "no time left to apply the rest of a write; recovery finishes it", null, true);
                }
                if (PartPuts.applies(part)) {
                    puts.apply(head, part);
                } else {
                    applyOnce(head, part);
                }
            }
        }
    }

    private void applyOnce(Head head, Part part) {
        List<ItemActions.Action> transaction = new ArrayList<>(List.of(journal.ownedBy(head.id(), head.owner())));
        part.writes().forEach(w -> transaction.add(actions.apply(w, head.id())));
        transaction.add(journal.markApplied(head.id(), part.index()));
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.run(transaction);
                return;
            } catch (RuntimeException e) {
                if (journal.isApplied(head.id(), part.index())) {
                    return;
                }
                if (attempt == MAX_ATTEMPTS
                        || e instanceof TransactionCanceledException
                                && !journal.head(head.id())
                                        .filter(h -> h.owner().equals(head.owner()))
                                        .isPresent()) {
                    throw e;
                }
                Backoff.pause(attempt);
            }
        }
    }

    /**
     * Takes the write's holds off, then deletes its journal: nothing of it was changed before its point of no return. For
     * the write itself when it gives up, and for a recovery. Which items it holds is read, not assumed: a transaction
     * of holds whose outcome was unknown may or may not have landed.
     */
    void release(Head head) {
        List<ItemWrite> held = stillHeld(
                journal.parts(head.id()).stream()
                        .flatMap(p -> p.writes().stream())
                        .filter(ItemActions::needsHold)
                        .toList(),
                head.id());
        for (int from = 0; from < held.size(); from += Transactions.MAX_ACTIONS - 1) {
            List<ItemActions.Action> releases = new ArrayList<>(List.of(journal.ownedBy(head.id(), head.owner())));
            held.subList(from, Math.min(held.size(), from + Transactions.MAX_ACTIONS - 1))
                    .forEach(w -> releases.add(actions.release(w, head.id())));
            transactions.run(releases);
        }
        journal.end(head);
    }

    /** The writes whose items this write did hold before it stopped: its holds are the items locked with its id. */
    private List<ItemWrite> stillHeld(List<ItemWrite> writes, String id) {
        Set<String> locked = new HashSet<>();
        batchReader
                .read(
                        tables.marks(),
                        writes.stream().map(ItemActions::key).distinct().toList())
                .stream()
                .filter(mark -> mark.holder().filter(id::equals).isPresent())
                .forEach(mark -> locked.add(mark.partitionKey()));
        return writes.stream()
                .filter(w ->
                        locked.contains(ItemActions.key(w).partitionKeyValue().s()))
                .toList();
    }
}
