package com.loyaltymemberships.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Idempotency} relies on from an {@link IdempotencyStore}, checked on the in-memory store and on the
 * DynamoDB repository: claim, held by a running request, lease end, keep, release, expiry of a kept answer, and
 * token separation. Every test uses a token of its own, so implementations may share one table.
 */
public abstract class IdempotencyStoreContract {

    protected abstract IdempotencyStore store();

    private IdempotencyStore store;
    private final String token = "token-" + UUID.randomUUID();
    /** Whole seconds: the repository keeps an answer's expiry to the second (DynamoDB TTL). */
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @BeforeEach
    public void openTheStore() {
        store = store();
    }

    private Claim claim(String id, String key, Instant leaseUntil) {
        return new Claim(token, key, id, "add", "body-hash", leaseUntil);
    }

    private static Receipt receipt(Claim claim, int status, String body, Instant expiresAt) {
        return new Receipt(claim, status, body.getBytes(StandardCharsets.UTF_8), expiresAt);
    }

    private static Claim running(Optional<IdempotencyStore.KeyState> held) {
        return ((IdempotencyStore.Running) held.orElseThrow()).claim();
    }

    private static Receipt answered(Optional<IdempotencyStore.KeyState> held) {
        return ((IdempotencyStore.Answered) held.orElseThrow()).receipt();
    }

    @Test
    public void aFreeKeyIsClaimed_thenItIsHeldByThatClaimUntilItsLeaseEnds() {
        Claim first = claim("c1", "k", NOW.plusSeconds(28).plusMillis(123));
        assertEquals(Optional.empty(), store.claim(first, NOW));
        assertEquals(first, running(store.claim(claim("c2", "k", NOW.plusSeconds(60)), NOW.plusSeconds(1))));
        // At the very end of its lease it still holds the key.
        assertEquals(first, running(store.claim(claim("c3", "k", NOW.plusSeconds(60)), first.leaseUntil())));
        // After it, its holder is gone: the key is taken over.
        Claim next = claim("c4", "k", NOW.plusSeconds(90));
        assertEquals(Optional.empty(), store.claim(next, first.leaseUntil().plusMillis(1)));
        assertEquals(next, running(store.claim(claim("c5", "k", NOW.plusSeconds(90)), NOW.plusSeconds(31))));
    }

    @Test
    public void theHolderKeepsAnAnswer_whichLaterClaimsGet() {
        Claim first = claim("c1", "k", NOW.plusSeconds(28));
        store.claim(first, NOW);
        store.keep(receipt(first, 400, "{\"Message\":\"Invalid State\"}", NOW.plus(Duration.ofHours(24))));
        Receipt kept = answered(store.claim(claim("c2", "k", NOW.plusSeconds(90)), NOW.plusSeconds(60)));
        assertEquals(first, kept.claim());
        assertEquals(400, kept.status());
        assertArrayEquals("{\"Message\":\"Invalid State\"}".getBytes(StandardCharsets.UTF_8), kept.body());
        assertEquals(NOW.plus(Duration.ofHours(24)), kept.expiresAt());
        // Even after the claim's lease: an answer is kept for its own time.
    }

    @Test
    public void aClaimsLeaseIsKeptToTheMillisecond_anAnswersExpiryToTheSecond() {
        Claim first = claim("c1", "k", NOW.plusSeconds(28).plusNanos(123_456_789));
        store.claim(first, NOW);
        Claim kept = running(store.claim(claim("c2", "k", NOW.plusSeconds(60)), NOW));
        assertEquals(NOW.plusSeconds(28).plusMillis(123), kept.leaseUntil());
        store.keep(receipt(first, 200, "{}", NOW.plus(Duration.ofHours(24)).plusMillis(500)));
        assertEquals(
                NOW.plus(Duration.ofHours(24)),
                answered(store.claim(claim("c3", "k", NOW.plusSeconds(60)), NOW))
                        .expiresAt());
    }

    @Test
    public void onlyTheHolderKeepsOrReleases() {
        Claim first = claim("c1", "k", NOW.plusSeconds(28));
        store.claim(first, NOW);
        Claim stranger = claim("c2", "k", NOW.plusSeconds(28));
        store.keep(receipt(stranger, 200, "{}", NOW.plus(Duration.ofHours(24))));
        store.release(stranger);
        assertEquals(first, running(store.claim(claim("c3", "k", NOW.plusSeconds(28)), NOW)));

        store.release(first);
        Claim second = claim("c4", "k", NOW.plusSeconds(28));
        assertEquals(Optional.empty(), store.claim(second, NOW));
        store.keep(receipt(second, 201, "{}", NOW.plus(Duration.ofHours(24))));
        // A kept answer is not released (a late release of the request that kept it changes nothing).
        store.release(second);
        assertEquals(
                201,
                answered(store.claim(claim("c5", "k", NOW.plusSeconds(28)), NOW))
                        .status());
        // A claim taken over after its lease can neither keep nor release any more.
        store.keep(receipt(first, 500, "{}", NOW.plus(Duration.ofHours(24))));
        assertEquals(
                201,
                answered(store.claim(claim("c6", "k", NOW.plusSeconds(28)), NOW))
                        .status());
    }

    @Test
    public void anAnswerPastItsTimeCountsAsNothing_decidedToTheSecond() {
        Claim first = claim("c1", "k", NOW.plusSeconds(28));
        store.claim(first, NOW);
        Instant expires = NOW.plus(Duration.ofHours(24));
        store.keep(receipt(first, 200, "{}", expires));
        assertEquals(
                200,
                answered(store.claim(claim("c2", "k", NOW.plusSeconds(28)), expires))
                        .status());
        // Within the second of its expiry it is still there: the repository compares epoch seconds (the TTL attribute).
        assertEquals(
                200,
                answered(store.claim(claim("c3", "k", NOW.plusSeconds(28)), expires.plusMillis(999)))
                        .status());
        Claim next = claim("c4", "k", expires.plusSeconds(30));
        assertEquals(Optional.empty(), store.claim(next, expires.plusSeconds(1)));
        assertEquals(next, running(store.claim(claim("c5", "k", expires.plusSeconds(30)), expires.plusSeconds(1))));
    }

    @Test
    public void keysOfDifferentTokensOrDifferentKeysNeverMeet() {
        store.claim(claim("c1", "k", NOW.plusSeconds(28)), NOW);
        assertEquals(
                Optional.empty(),
                store.claim(new Claim("other-" + token, "k", "c2", "add", "body-hash", NOW.plusSeconds(28)), NOW));
        assertEquals(Optional.empty(), store.claim(claim("c3", "k2", NOW.plusSeconds(28)), NOW));
    }
}
