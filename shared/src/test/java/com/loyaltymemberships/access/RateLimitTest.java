package com.loyaltymemberships.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GCRA rule on its own: T, τ, the state a request leaves, the decision and Retry-After, and the bound it keeps. */
class RateLimitTest {

    /** Times in this test are microseconds after T0. */
    private static final long T0 = 1_800_000_000_000_000L;

    private static final long S = 1_000_000;

    /** 3 per 30 s: T = 10 s, τ = 20 s, backlog τ + window − T = 40 s. */
    private final RateLimit limit = new RateLimit(3, 30);

    /** Replays requests at the given times from a token never used; true for each admitted one. */
    private static List<Boolean> replay(RateLimit limit, long... times) {
        long tat = 0;
        List<Boolean> admitted = new ArrayList<>();
        for (long t : times) {
            admitted.add(limit.retryAfter(tat, t).isEmpty());
            tat = limit.next(tat, t);
        }
        return admitted;
    }

    @Test
    void theIntervalIsTheWindowOverTheLimitRoundedUpToTheMicrosecond() {
        assertEquals(10 * S, limit.intervalMicros());
        assertEquals(20 * S, limit.toleranceMicros());
        assertEquals(40 * S, limit.backlogMicros());
        assertEquals(150_000, new RateLimit(200, 30).intervalMicros());
        assertEquals(4_285_715, new RateLimit(7, 30).intervalMicros());
        assertEquals(30 * S, new RateLimit(1, 30).intervalMicros());
        assertEquals(0, new RateLimit(1, 30).toleranceMicros());
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 30));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 0));
        assertEquals(T0 + 123_456, RateLimit.micros(Instant.ofEpochSecond(0, (T0 + 123_456) * 1000 + 999)));
    }

    /**
     * Requests up to now move TAT at most backlog + T ahead (50 s here). One further ahead was written by a clock ahead
     * of this one (a test's fixed clock, an instance set wrong): it is taken for an idle token's, not held against the
     * token until the real time reaches it.
     */
    @Test
    void aTatNoRequestUpToNowCanHaveSetIsTakenForAnIdleTokens() {
        assertEquals(OptionalLong.of(30), limit.retryAfter(T0 + 50 * S, T0), "the furthest a hammering client gets");
        assertTrue(limit.unreachable(T0 + 50 * S + 1, T0));
        assertEquals(OptionalLong.empty(), limit.retryAfter(T0 + 180 * 86_400 * S, T0));
        assertEquals(T0 + 10 * S, limit.next(T0 + 180 * 86_400 * S, T0));
    }

    @Test
    void anIdleTokenAdmitsABurstOfTheLimit_thenOnePerInterval() {
        // A token never used has no TAT (0): long in the past.
        assertEquals(OptionalLong.empty(), limit.retryAfter(0, T0));
        assertEquals(T0 + 10 * S, limit.next(0, T0));
        assertEquals(T0 + 20 * S, limit.next(T0 + 10 * S, T0));
        assertEquals(OptionalLong.empty(), limit.retryAfter(T0 + 20 * S, T0));
        // The 4th at once: TAT 30 s ahead, 10 s more than τ. It counts (TAT 40 s): admitted again at 40 - 20 = 20 s.
        assertEquals(OptionalLong.of(20), limit.retryAfter(T0 + 30 * S, T0));
        assertEquals(T0 + 40 * S, limit.next(T0 + 30 * S, T0));
        assertEquals(OptionalLong.empty(), limit.retryAfter(T0 + 40 * S, T0 + 20 * S));
        // A microsecond early, the request is refused and counts too: TAT 50 s, admitted from 30 s, 10 s and 1 µs away.
        assertEquals(OptionalLong.of(11), limit.retryAfter(T0 + 40 * S, T0 + 20 * S - 1));
        assertEquals(
                List.of(true, true, true, false, true, false, true),
                replay(limit, T0, T0, T0, T0, T0 + 20 * S, T0 + 30 * S - 1, T0 + 40 * S));
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilARequestIsAdmitted_thisOneCounted() {
        // TAT 30 s and 1 µs ahead: this one moves it 10 s on, admitted from 20 s and 1 µs: 21 whole seconds.
        assertEquals(OptionalLong.of(21), limit.retryAfter(T0 + 30 * S + 1, T0));
        // Never less than one second.
        assertEquals(OptionalLong.of(1), new RateLimit(200, 30).retryAfter(T0 + 30 * S - 150_000 + 1, T0));
    }

    @Test
    void refusedRequestsCountUpToABacklogOfOneWindow() {
        long tat = 0;
        for (int i = 0; i < 20; i++) {
            tat = limit.next(tat, T0);
        }
        // Three admitted (TAT 10, 20, 30 s), then refused ones move TAT while it is within the backlog (40 s) of now:
        // 40,
        // 50 s, then no more. The next admission is one window away.
        assertEquals(T0 + 50 * S, tat);
        assertEquals(OptionalLong.of(30), limit.retryAfter(tat, T0));
        // A client that keeps calling stays refused; one that stops is admitted one window after its last request.
        for (long t = T0; t < T0 + 100 * S; t += S) {
            assertTrue(limit.retryAfter(tat, t).isPresent(), "refused at " + (t - T0));
            tat = limit.next(tat, t);
        }
        // TAT moved by 10 s at 10, 20, ... 90 s: 140 s, admitted from 120 s, 21 s after the last request.
        assertEquals(T0 + 140 * S, tat);
        assertTrue(limit.retryAfter(tat, T0 + 120 * S - 1).isPresent());
        assertEquals(OptionalLong.empty(), limit.retryAfter(tat, T0 + 120 * S));
    }

    /**
     * The bound DECISIONS.md states, on random request streams: admitted requests in any interval of length d are at
     * most limit + ⌊d / T⌋ (2·limit − 1 in a window), and the rule reaches it: a full burst, then one per T.
     */
    @Test
    void admittedRequestsInAnyIntervalOfLengthDAreAtMostTheLimitPlusDOverT() {
        Random random = new Random(13);
        for (int run = 0; run < 200; run++) {
            RateLimit rule = new RateLimit(1 + random.nextInt(6), 1 + random.nextInt(3));
            long interval = rule.intervalMicros();
            long[] times = new long[300];
            long t = T0;
            for (int i = 0; i < times.length; i++) {
                t += random.nextInt(4) == 0 ? 0 : random.nextInt((int) (2 * interval));
                times[i] = t;
            }
            List<Boolean> admitted = replay(rule, times);
            List<Long> in = new ArrayList<>();
            for (int i = 0; i < times.length; i++) {
                if (admitted.get(i)) {
                    in.add(times[i]);
                }
            }
            for (int i = 0; i < in.size(); i++) {
                for (int j = i; j < in.size(); j++) {
                    long d = in.get(j) - in.get(i);
                    assertTrue(j - i + 1 <= rule.limit() + d / interval, rule + ": " + (j - i + 1) + " in " + d);
                }
            }
        }
        RateLimit rule = new RateLimit(4, 2);
        long[] times = new long[7];
        for (int i = 0; i < 7; i++) {
            times[i] = T0 + Math.max(0, i - 3) * rule.intervalMicros();
        }
        assertEquals(List.of(true, true, true, true, true, true, true), replay(rule, times));
        assertTrue(times[6] - times[0] < 2 * S, "2·limit − 1 admitted within one window");
    }
}
