package com.loyaltymemberships.access;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * SPEC §9: at most {@code limit} requests per access token in any sliding window of {@code windowSeconds}.
 * Decided exactly from the token's request log, which holds the times of its last {@code limit + 1}
 * requests: every request with a valid token is logged, whatever its outcome (refused ones too).
 */
public record RateLimit(int limit, int windowSeconds) {

    public RateLimit {
        if (limit < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("a rate limit needs limit >= 1 and windowSeconds >= 1");
        }
    }

    /** How many request times the log must keep to decide: the limit, and the request being decided. */
    public int logSize() {
        return limit + 1;
    }

    /**
     * Whole seconds the client must wait, or empty when the request made at {@code nowMillis} (which
     * {@code requestTimes} includes) is admitted: it is refused when the window ending now holds more than
     * {@code limit} requests.
     */
    public OptionalLong retryAfter(List<Long> requestTimes, long nowMillis) {
        long windowMillis = windowSeconds * 1000L;
        List<Long> recent = new ArrayList<>();
        for (long time : requestTimes) {
            if (time > nowMillis - windowMillis) {
                recent.add(time);
            }
        }
        if (recent.size() <= limit) {
            return OptionalLong.empty();
        }
        // A retry is admitted once the limit-th newest request has left the window: then at most limit - 1
        // earlier requests remain in it besides the retry itself.
        recent.sort((a, b) -> Long.compare(b, a));
        long admittedAt = recent.get(limit - 1) + windowMillis;
        return OptionalLong.of(Math.max(1, ceilDiv(admittedAt - nowMillis, 1000)));
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
