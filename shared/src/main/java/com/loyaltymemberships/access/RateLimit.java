package com.loyaltymemberships.access;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * SPEC §9's limit of {@code limit} requests per access token per {@code windowSeconds}, as a generic cell rate
 * algorithm (GCRA) whose state is one number per token: its theoretical arrival time (TAT, epoch microseconds).
 *
 * <ul>
 *   <li>Emission interval {@code T} = window / limit, rounded up to the microsecond; tolerance {@code τ} = (limit − 1)
 *       · T.
 *   <li>A request at {@code t} is admitted iff {@code max(TAT, t) − t ≤ τ}: a token that has been idle admits a burst
 *       of exactly {@code limit}, then one request per T.
 *   <li>Every request with a valid token counts, whatever its outcome (SPEC §9), refused ones too: it moves TAT to
 *       {@link #next}: {@code max(TAT, t) + T}, except that a refused request leaves TAT alone once it is
 *       {@link #backlogMicros} ahead of t. So a client that keeps calling while refused stays refused, and one that
 *       stops is admitted again at most one window after its last request, as under a sliding window.
 * </ul>
 *
 * <p>The bound: TAT never decreases and every admitted request moves it by T at least, so admitted requests at times
 * {@code s1 ≤ … ≤ sn} satisfy {@code s1 + (n − 1)·T ≤ TAT before sn ≤ sn + τ}: in any interval of length {@code d}
 * at most {@code limit + ⌊d / T⌋} requests are admitted. That is {@code limit} at one instant and at most {@code
 * 2·limit − 1} in any window of {@code windowSeconds} (where a sliding log admits {@code limit}); over long spans
 * the rate is at most limit per window.
 */
public record RateLimit(int limit, int windowSeconds) {

    public RateLimit {
        if (limit < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("a rate limit needs limit >= 1 and windowSeconds >= 1");
        }
    }

    /** T: the window over the limit, rounded up to the microsecond (so that the rate never exceeds the limit). */
    public long intervalMicros() {
        return ceilDiv(windowMicros(), limit);
    }

    /** τ: how far TAT may be ahead of a request that is admitted; a burst of {@code limit} fits. */
    public long toleranceMicros() {
        return (limit - 1) * intervalMicros();
    }

    /**
     * How far ahead of a request TAT may be for the request still to move it: a refused request counts (moves TAT by
     * T) while TAT stays within {@code τ + window} of it, so the next admission is at most a window away.
     */
    public long backlogMicros() {
        return toleranceMicros() + windowMicros() - intervalMicros();
    }

    /**
     * The token's TAT after a request at {@code nowMicros} when it was {@code tatBefore} (0 for a token never used
     * under this rule: long in the past).
     */
    public long next(long tatBefore, long nowMicros) {
        if (tatBefore < nowMicros || unreachable(tatBefore, nowMicros)) {
            return nowMicros + intervalMicros();
        }
        return tatBefore - nowMicros <= backlogMicros() ? tatBefore + intervalMicros() : tatBefore;
    }

    /**
     * True for a TAT further ahead than requests at or before now can have moved it ({@link #backlogMicros} + T): one
     * written by a clock ahead of this one (or under a longer window). It is taken for an idle token's, so that a clock
     * set wrong somewhere cannot lock a token out until the real time reaches it.
     */
    public boolean unreachable(long tatBefore, long nowMicros) {
        return tatBefore - nowMicros > backlogMicros() + intervalMicros();
    }

    /**
     * Empty when the request at {@code nowMicros} is admitted, given the token's TAT before it; else the whole seconds
     * (at least one) until a request would be admitted, this refused one counted.
     */
    public OptionalLong retryAfter(long tatBefore, long nowMicros) {
        if (tatBefore - nowMicros <= toleranceMicros() || unreachable(tatBefore, nowMicros)) {
            return OptionalLong.empty();
        }
        long admittedAt = next(tatBefore, nowMicros) - toleranceMicros();
        return OptionalLong.of(Math.max(1, ceilDiv(admittedAt - nowMicros, 1_000_000)));
    }

    /** An instant in the microseconds the state is kept in (finer digits are dropped). */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private long windowMicros() {
        return windowSeconds * 1_000_000L;
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
