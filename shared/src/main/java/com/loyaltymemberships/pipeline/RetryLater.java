package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.dynamodb.Throttling;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * A request that failed on storage but may simply be sent again: it ran out of time, or DynamoDB throttled it. Either is
 * a 503 with Retry-After, never a 409 (the data did not change) nor a 500 (nothing is broken), and nothing of it is
 * half done: it stopped before it wrote, or between two storage steps of a write that gave up and released what it
 * held, or past the point of no return of a large write that recovery finishes (RELIABILITY.md). Any other failure is
 * not for this class to answer.
 */
final class RetryLater {

    /**
     * Retry-After of a throttled request that left nothing running. DynamoDB measures capacity per second, and the SDK
     * has already backed off and retried within the request (up to about 1.4 s, {@code DynamoDbClients}): a retry
     * after 2 s comes at least one whole second of capacity later.
     */
    static final long BUSY_SECONDS = 2;

    /** The answer, and whether it was DynamoDB throttling (the Throttled metric counts it). */
    record Refusal(ApiException error, boolean throttled) {}

    private RetryLater() {}

    static Optional<Refusal> of(RuntimeException e, Deadline deadline) {
        boolean throttled = Throttling.isThrottling(e);
        if (e instanceof OutOfTimeException late) {
            // Still being finished (by recovery, if not by this request): retry once the deadline has passed, by then
            // it is.
            long wait = late.finishing() ? Math.max(1, deadline.remaining().toSeconds() + 1) : 1;
            return Optional.of(
                    throttled
                            ? new Refusal(ApiException.busy(Math.max(BUSY_SECONDS, wait)), true)
                            : new Refusal(ApiException.outOfTime(wait), false));
        }
        if (throttled) {
            return Optional.of(new Refusal(ApiException.busy(BUSY_SECONDS), true));
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return Optional.of(new Refusal(ApiException.outOfTime(1), false));
        }
        return Optional.empty();
    }
}
