package com.loyaltymemberships.soak;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Writes sent with an Idempotency-Key (SPEC §11) in the ways a client retries one, each ending with the one answer
 * that counts. Whatever the way, the write must have run exactly once: every later answer is the first one again,
 * byte for byte, marked {@code Idempotent-Replayed: true}.
 */
final class KeyedWrites {

    /** Shorter than any write takes on the local engine, longer than sending one: the answer is lost, not the request. */
    static final Duration LOST_AFTER = Duration.ofMillis(5);

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    enum Mode {
        /** Sent once. */
        ONCE,
        /** Sent again after the answer came (as if it had been lost on the way back), with the body's properties reversed. */
        RESEND,
        /** The client stops waiting almost at once, then retries until it has an answer. */
        LOST,
        /** Sent twice at the same time, as two retrying threads of one client would. */
        TWICE
    }

    private final Api api;
    private final Tally tally;
    private final Executor twin;
    private final String keyPrefix;
    private long keys;

    /**
     * @param twin      runs the second sending of {@link Mode#TWICE}
     * @param keyPrefix unique to the client and the run: keys are per access token, and tokens are shared by clients
     */
    KeyedWrites(Api api, Tally tally, Executor twin, String keyPrefix) {
        this.api = api;
        this.tally = tally;
        this.twin = twin;
        this.keyPrefix = keyPrefix;
    }

    /** Sends {@code request} under a new key in the way {@code mode} says; the answer of the one execution. */
    Answer send(Request request, Mode mode) {
        Request keyed = request.withKey(keyPrefix + "-" + ++keys);
        return switch (mode) {
            case ONCE -> once(keyed);
            case RESEND -> resend(keyed);
            case LOST -> lost(keyed);
            case TWICE -> twice(keyed);
        };
    }

    private Answer once(Request keyed) {
        tally.count(Event.KEYED_ONCE);
        return executed(untilAnswered(keyed), keyed);
    }

    private Answer resend(Request keyed) {
        tally.count(Event.RESENT);
        Answer first = executed(untilAnswered(keyed), keyed);
        requireReplayOf(first, untilAnswered(keyed.reordered()), keyed);
        return first;
    }

    private Answer lost(Request keyed) {
        Optional<Answer> inTime = api.sendWithin(keyed, LOST_AFTER);
        if (inTime.isPresent() && inTime.get().status() != 409) {
            tally.count(Event.KEYED_ONCE);
            return executed(inTime.get(), keyed);
        }
        tally.count(Event.LOST);
        Answer answer = untilAnswered(keyed);
        // Either way it ran once: replayed, the first attempt ran it; not replayed, it had not run when the retry came
        // (if it arrives later, it is the one replayed).
        tally.count(answer.replayed() ? Event.LOST_THEN_REPLAYED : Event.LOST_THEN_EXECUTED);
        return answer;
    }

    private Answer twice(Request keyed) {
        tally.count(Event.SENT_TWICE);
        CompletableFuture<Answer> other = CompletableFuture.supplyAsync(() -> untilAnswered(keyed), twin);
        Answer mine = untilAnswered(keyed);
        Answer theirs = other.join();
        if (mine.replayed() == theirs.replayed()) {
            tally.violation(keyed.operation().operationName() + " sent twice at once under "
                    + keyed.key().orElseThrow() + ": expected one execution and one replay, got " + mine + " and "
                    + theirs);
            return mine;
        }
        Answer executed = mine.replayed() ? theirs : mine;
        requireReplayOf(executed, mine.replayed() ? mine : theirs, keyed);
        return executed;
    }

    /**
     * Sends until the answer is not a 409. A 409 leaves nothing done, so asking again under the key is safe: while the
     * first request with the key runs, or after the data changed under it.
     */
    private Answer untilAnswered(Request keyed) {
        long giveUp = System.nanoTime() + LONGEST_WAIT.toNanos();
        for (int attempt = 1; ; attempt++) {
            Answer answer = api.send(keyed);
            if (answer.status() != 409) {
                return answer;
            }
            tally.count(answer.retryAfter().isPresent() ? Event.STILL_RUNNING : Event.CONFLICT_RETRIED);
            answer.retryAfter().ifPresent(tally::retryAfter);
            if (System.nanoTime() > giveUp) {
                tally.violation(keyed.operation().operationName() + " under "
                        + keyed.key().orElseThrow() + " still 409 after " + LONGEST_WAIT.toSeconds() + " s: " + answer);
                return answer;
            }
            pause(answer, attempt);
        }
    }

    /**
     * A short growing pause, at most Retry-After. The Retry-After of a key still running is the end of the first
     * request's lease, its latest possible end (the function's timeout, some 28 s); it usually ends within milliseconds,
     * and asking too early costs one more 409.
     */
    private static void pause(Answer answer, int attempt) {
        long millis = Math.min(20L * attempt, 500);
        millis = Math.min(
                millis, answer.retryAfter().map(seconds -> seconds * 1000).orElse(millis));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A key used for the first time must run the request, not replay anything. */
    private Answer executed(Answer answer, Request keyed) {
        if (answer.replayed()) {
            tally.violation("a new key " + keyed.key().orElseThrow() + " was answered with a replay: " + answer);
        }
        return answer;
    }

    private void requireReplayOf(Answer first, Answer again, Request keyed) {
        if (!again.replayed() || !again.sameBytes(first)) {
            tally.violation(
                    keyed.operation().operationName() + " under " + keyed.key().orElseThrow()
                            + ": the retry is not a byte-identical replay. First " + first + "; retry " + again);
        }
    }
}
