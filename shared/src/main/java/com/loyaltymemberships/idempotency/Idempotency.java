package com.loyaltymemberships.idempotency;

import com.loyaltymemberships.contract.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * SPEC §11, Idempotency-Key: the first request with a key runs, and its answer is kept for 24 hours; the same
 * key with the same body gets that answer again without running anything; while the first still runs, 409;
 * with another body or operation, 400. Answers of 5xx, 429 and 409 are not kept (a retry may succeed).
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final Duration KEPT_FOR = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 255;
    private static final long RETRY_RUNNING_AFTER_SECONDS = 1;

    private final IdempotencyStore store;
    private final Clock clock;

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What presenting a key leads to: run the request under a claim, or answer what was kept. */
    public sealed interface Decision permits Run, Replay {}

    public record Run(Claim claim) implements Decision {}

    public record Replay(int status, byte[] body) implements Decision {}

    /**
     * @param canonicalBody the request body, parsed and written again with properties in a fixed order, so that
     *                      the same body with its properties in another order is the same request
     * @param leaseUntil    until when the claim holds the key without an answer: the request's deadline, within the
     *                      function's timeout, after which its holder is certainly gone
     */
    public Decision present(
            String accessTokenHash, String key, String operation, byte[] canonicalBody, Instant leaseUntil) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new ApiException(
                    400,
                    "Invalid " + HEADER + ": 1 to " + MAX_KEY_LENGTH + " printable ASCII characters are required.");
        }
        Instant now = clock.instant();
        Claim claim = new Claim(
                accessTokenHash,
                sha256(key.getBytes(StandardCharsets.US_ASCII)),
                UUID.randomUUID().toString(),
                operation,
                sha256(canonicalBody),
                leaseUntil);
        Optional<IdempotencyStore.KeyState> held = store.claim(claim, now);
        if (held.isEmpty()) {
            return new Run(claim);
        }
        if (held.get() instanceof IdempotencyStore.Answered answered) {
            requireSameRequest(answered.receipt().claim(), claim);
            return new Replay(answered.receipt().status(), answered.receipt().body());
        }
        Claim running = ((IdempotencyStore.Running) held.get()).claim();
        requireSameRequest(running, claim);
        // Ask again in a second: nearly every request is done by then. Its lease (which ends at its deadline, up to the
        // function's timeout) only bounds how long a holder that died can keep the key.
        throw ApiException.stillRunning(RETRY_RUNNING_AFTER_SECONDS);
    }

    /** The answer to keep with the request's last write. */
    public Receipt receipt(Claim claim, int status, byte[] body) {
        return new Receipt(claim, status, body, clock.instant().plus(KEPT_FOR));
    }

    /** Keeps an answer given without writing anything (a 4xx). */
    public void keep(Receipt receipt) {
        store.keep(receipt);
    }

    /** Forgets the claim, so that a retry runs again. */
    public void release(Claim claim) {
        store.release(claim);
    }

    private static void requireSameRequest(Claim kept, Claim claim) {
        if (!kept.sameRequestAs(claim)) {
            throw new ApiException(
                    400,
                    "Invalid " + HEADER + ": it was used for another request (another body or operation);"
                            + " use a new key for a new request.");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
