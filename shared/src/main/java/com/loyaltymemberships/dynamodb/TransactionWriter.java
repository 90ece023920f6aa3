package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.WriteConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes a request all or nothing.
 *
 * <p>Up to 100 actions (the TransactWriteItems limit) go in one transaction, which DynamoDB applies
 * atomically. A larger request is cut into transactions between groups, never inside one; if a later
 * transaction fails, the earlier ones are undone in reverse order with their compensating writes, and
 * the failure is rethrown. Every transaction carries a fresh ClientRequestToken, so the SDK's own
 * retries of a call that did succeed are idempotent instead of failing their conditions.
 */
final class TransactionWriter {

    static final int MAX_ACTIONS = 100;
    private static final Set<String> RETRYABLE = Set.of("ConditionalCheckFailed", "TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private final DynamoDbEnhancedClient enhanced;
    private final JsonLog log;

    TransactionWriter(DynamoDbEnhancedClient enhanced, JsonLog log) {
        this.enhanced = enhanced;
        this.log = log;
    }

    /** @throws WriteConflictException when a condition failed (nothing remains written) */
    void write(List<List<Write>> groups) {
        List<List<Write>> done = new ArrayList<>();
        for (List<Write> transaction : transactions(groups)) {
            try {
                execute(transaction.stream().map(Write::apply).toList());
                done.add(transaction);
            } catch (TransactionCanceledException e) {
                undo(done, false);
                if (isRetryable(e)) {
                    throw new WriteConflictException("a write condition failed", e);
                }
                throw e;
            } catch (RuntimeException e) {
                // The outcome is unknown (a timeout, say): undo this transaction too. If it was not
                // applied, its undo conditions fail, which is what "nothing to undo" looks like.
                done.add(transaction);
                undo(done, true);
                throw e;
            }
        }
    }

    /** Groups packed in order into transactions of at most 100 actions; a group never straddles two unless it alone is larger. */
    static List<List<Write>> transactions(List<List<Write>> groups) {
        List<List<Write>> transactions = new ArrayList<>();
        List<Write> current = new ArrayList<>();
        for (List<Write> group : groups) {
            if (!current.isEmpty() && current.size() + group.size() > MAX_ACTIONS) {
                transactions.add(current);
                current = new ArrayList<>();
            }
            for (Write write : group) {
                if (current.size() == MAX_ACTIONS) {
                    transactions.add(current);
                    current = new ArrayList<>();
                }
                current.add(write);
            }
        }
        if (!current.isEmpty()) {
            transactions.add(current);
        }
        return transactions;
    }

    private void undo(List<List<Write>> done, boolean lastMayNotHaveApplied) {
        for (int i = done.size() - 1; i >= 0; i--) {
            boolean mayNotHaveApplied = lastMayNotHaveApplied && i == done.size() - 1;
            try {
                execute(done.get(i).stream().map(Write::undo).toList());
            } catch (TransactionCanceledException e) {
                if (!mayNotHaveApplied) {
                    logUndoFailure(done.get(i), e);
                }
            } catch (RuntimeException e) {
                logUndoFailure(done.get(i), e);
            }
        }
    }

    private void execute(List<Write.Action> actions) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString());
        actions.forEach(action -> action.addTo().accept(transaction));
        enhanced.transactWriteItems(transaction.build());
    }

    private static boolean isRetryable(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().map(CancellationReason::code).anyMatch(RETRYABLE::contains);
    }

    /** Someone changed an item after we wrote it and before we could undo: an operator must look. */
    private void logUndoFailure(List<Write> transaction, RuntimeException e) {
        log.error("Could not undo a partly written request", line -> {
            line.put("error", e.getClass().getSimpleName());
            var keys = line.putArray("keys");
            transaction.forEach(w -> keys.add(w.undo().key()));
        });
    }
}
