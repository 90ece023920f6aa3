package com.loyaltymemberships.dynamodb;

/**
 * DynamoDB kept leaving part of a batch (BatchGetItem, BatchWriteItem) unprocessed, attempt after attempt: what it does
 * when the table or an index is over its capacity, instead of failing the call. A form of throttling
 * ({@link Throttling}); nothing the caller still needed was done.
 */
final class CapacityExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CapacityExceededException(String message) {
        super(message);
    }
}
