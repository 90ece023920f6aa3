package com.loyaltymemberships.time;

import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** Pauses between our own retries (unprocessed batch keys, write conflicts), with the SDK's jittered backoff. */
public final class Backoff {

    private static final BackoffStrategy STRATEGY =
            BackoffStrategy.exponentialDelay(Duration.ofMillis(20), Duration.ofMillis(1000));

    private Backoff() {}

    public static void pause(int attempt) {
        try {
            Thread.sleep(STRATEGY.computeDelay(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
