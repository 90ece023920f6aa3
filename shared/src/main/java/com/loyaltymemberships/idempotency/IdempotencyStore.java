package com.loyaltymemberships.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Where Idempotency-Keys and kept answers live: the port the idempotency rules own. */
public interface IdempotencyStore {

    /** What a key holds: a request still running (or abandoned), or a kept answer. */
    sealed interface KeyState permits Running, Answered {}

    record Running(Claim claim) implements KeyState {}

    record Answered(Receipt receipt) implements KeyState {}

    /**
     * Claims the key for a new execution unless it holds something live. When it holds a claim whose lease ended
     * before {@code now}, that execution is finished first (its multi-transaction write, if any, is recovered)
     * and the key is taken over. An answer whose time to be kept is over counts as nothing.
     *
     * @return empty when {@code claim} now holds the key; else what the key holds
     */
    Optional<KeyState> claim(Claim claim, Instant now);

    /** Keeps an answer that no storage write accompanies (a 4xx); only while {@code receipt.claim()} holds the key. */
    void keep(Receipt receipt);

    /** Lets the key go, so that a retry runs again (after a 5xx or a 409); only while {@code claim} holds it. */
    void release(Claim claim);
}
