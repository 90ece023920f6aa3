package com.loyaltymemberships.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a request must have answered: the function's own timeout less a margin, so that a request that runs
 * out of time stops between two storage steps, cleanly, instead of being killed by Lambda in the middle of one.
 */
public record Deadline(Clock clock, Instant at) {

    public static Deadline after(Clock clock, Duration budget) {
        return new Deadline(clock, clock.instant().plus(budget));
    }

    public Duration remaining() {
        return Duration.between(clock.instant(), at);
    }

    /** Whether a step expected to take up to {@code step} can still start. */
    public boolean allows(Duration step) {
        return remaining().compareTo(step) >= 0;
    }
}
