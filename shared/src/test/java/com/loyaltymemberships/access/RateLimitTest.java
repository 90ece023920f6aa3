package com.loyaltymemberships.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The sliding window on a request log: what is in the window, and when a retry fits. */
class RateLimitTest {

    /** Times in this test are milliseconds after T; a new token's log holds zeros (1970), long out of any window. */
    private static final long T = 1_800_000_000_000L;

    private final RateLimit limit = new RateLimit(3, 30);

    private static List<Long> at(long... millisAfterT) {
        return Arrays.stream(millisAfterT).map(m -> T + m).boxed().toList();
    }

    @Test
    void admitsUpToTheLimitInTheWindowEndingNow() {
        assertEquals(OptionalLong.empty(), limit.retryAfter(List.of(0L, 0L, 0L, T), T));
        assertEquals(OptionalLong.empty(), limit.retryAfter(at(1_000, 2_000, 3_000), T + 3_000));
        // A request exactly one window old has left it: the window is (now - 30 s, now].
        assertEquals(OptionalLong.empty(), limit.retryAfter(at(0, 10_000, 20_000, 30_000), T + 30_000));
        // One millisecond younger, it is in: four requests. A retry fits once the one at 10 s has left too, 10 s from
        // now.
        assertEquals(OptionalLong.of(10), limit.retryAfter(at(1, 10_000, 20_000, 30_000), T + 30_000));
    }

    @Test
    void retryAfterIsTheFirstWholeSecondAtWhichTheLimitHolds() {
        // Newest first: 29.999, 20, 10, 0. The 3rd newest (10 s) leaves at 40 s: 10.001 s away.
        assertEquals(OptionalLong.of(11), limit.retryAfter(at(0, 10_000, 20_000, 29_999), T + 29_999));
        // In any order, and never less than one second.
        assertEquals(OptionalLong.of(1), limit.retryAfter(at(29_999, 29_999, 500, 100), T + 29_999));
    }

    @Test
    void theLogKeepsTheLimitAndTheRequestBeingDecided() {
        assertEquals(4, limit.logSize());
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 30));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 0));
    }
}
