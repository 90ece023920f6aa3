package com.loyaltymemberships.dynamodb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Whether a DynamoDB failure means "slow down": the table, an index, a key range or the account is over its capacity
 * (or its configured maximum on-demand throughput). That is neither a conflict (the data changed: read again and
 * retry, else 409) nor a fault (500): nothing was applied, and the same request succeeds once capacity is back, so the
 * client is told to retry later (503 with Retry-After).
 *
 * <p>Throttled are: DynamoDB's capacity errors ({@code ProvisionedThroughputExceededException},
 * {@code RequestLimitExceeded}, {@code ThrottlingException}); any service error the SDK itself classifies as throttling
 * (status 429, or an error code of its throttling list), which is what a call ends with once the SDK's own retries of
 * it are spent; a cancelled transaction whose reasons are capacity ({@code ThrottlingError},
 * {@code ProvisionedThroughputExceeded}, {@code RequestLimitExceeded}) and none of them a conflict
 * ({@link Transactions#isConflict}); and a batch that DynamoDB kept leaving partly unprocessed
 * ({@link CapacityExceededException}). The failure may be the cause of another (a write stopped past its point of no
 * return carries it as its cause).
 */
public final class Throttling {

    /** Cancellation reasons of a transaction that are about capacity, not data (DynamoDB's TransactWriteItems reference). */
    static final Set<String> CANCELLATION_REASONS =
            Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private Throttling() {}

    /** Whether {@code failure}, or a failure it was caused by, is DynamoDB throttling. */
    public static boolean isThrottling(Throwable failure) {
        return throttling(failure) != null;
    }

    /**
     * Why DynamoDB throttled, for the log: the throttling reasons it gave (such as
     * {@code TableWriteMaxOnDemandThroughputExceeded}, which says the table's maximum throughput was reached), else the
     * cancellation reasons or the error code; empty when {@code failure} is no throttling.
     */
    public static List<String> reasons(Throwable failure) {
        Throwable throttled = throttling(failure);
        List<String> reasons = new ArrayList<>();
        if (throttled instanceof ProvisionedThroughputExceededException e && e.hasThrottlingReasons()) {
            e.throttlingReasons().stream().map(ThrottlingReason::reason).forEach(reasons::add);
        } else if (throttled instanceof ThrottlingException e && e.hasThrottlingReasons()) {
            e.throttlingReasons().stream().map(ThrottlingReason::reason).forEach(reasons::add);
        } else if (throttled instanceof TransactionCanceledException e) {
            e.cancellationReasons().stream()
                    .map(CancellationReason::code)
                    .filter(CANCELLATION_REASONS::contains)
                    .distinct()
                    .forEach(reasons::add);
        } else if (throttled instanceof AwsServiceException e
                && e.awsErrorDetails() != null
                && e.awsErrorDetails().errorCode() != null) {
            reasons.add(e.awsErrorDetails().errorCode());
        }
        if (throttled != null && reasons.isEmpty()) {
            reasons.add(throttled.getClass().getSimpleName());
        }
        return reasons;
    }

    /** The throttling failure in {@code failure}'s chain of causes, or null. */
    private static Throwable throttling(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable e = failure; e != null && seen.add(e); e = e.getCause()) {
            if (isThrottlingItself(e)) {
                return e;
            }
        }
        return null;
    }

    private static boolean isThrottlingItself(Throwable e) {
        if (e instanceof TransactionCanceledException cancelled) {
            return isThrottled(cancelled);
        }
        return e instanceof ProvisionedThroughputExceededException
                || e instanceof RequestLimitExceededException
                || e instanceof ThrottlingException
                || e instanceof CapacityExceededException
                || e instanceof SdkServiceException service && service.isThrottlingException();
    }

    /** A transaction cancelled for capacity: some reason is a capacity reason, and none is a conflict (which wins). */
    static boolean isThrottled(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && !Transactions.isConflict(e)
                && e.cancellationReasons().stream()
                        .map(CancellationReason::code)
                        .anyMatch(CANCELLATION_REASONS::contains);
    }
}
