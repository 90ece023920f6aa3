package com.loyaltymemberships.dynamodb;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Sends TransactWriteItems: at most {@value #MAX_ACTIONS} actions, applied by DynamoDB all or none. */
final class Transactions {

    static final int MAX_ACTIONS = 100;
    /**
     * Cancellation reasons that mean the data changed under the transaction: read again and retry. Capacity reasons
     * (ThrottlingError, ...) are not among them: that is throttling ({@link Throttling}), answered 503, never 409.
     */
    private static final Set<String> CONFLICTS = Set.of("ConditionalCheckFailed", "TransactionConflict");

    private final DynamoDbEnhancedClient enhanced;

    Transactions(DynamoDbEnhancedClient enhanced) {
        this.enhanced = enhanced;
    }

    /**
     * A fresh ClientRequestToken per transaction makes the SDK's own retries of one that did succeed idempotent,
     * instead of failing their conditions.
     */
    void run(List<ItemActions.Action> actions) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString());
        actions.forEach(action -> action.addTo().accept(transaction));
        enhanced.transactWriteItems(transaction.build());
    }

    /** True when the transaction was cancelled because something changed meanwhile (a condition failed, or another transaction had an item). */
    static boolean isConflict(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream()
                        .map(CancellationReason::code)
                        .anyMatch(CONFLICTS::contains);
    }
}
