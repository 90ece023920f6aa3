package com.loyaltymemberships.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link AccessGate} relies on from an {@link AccessTokenStore}, checked on the in-memory store and on the DynamoDB
 * repository: authentication (unknown, mismatched and revoked tokens are refused and recorded nowhere), the caller's
 * scope, and the request log the rate limit is decided on. Every test uses tokens of its own.
 */
public abstract class AccessTokenStoreContract {

    protected abstract AccessTokenStore store();

    /** Stores a token as the admin tool does. */
    protected abstract void create(AccessToken token);

    /** Revokes a token as the admin tool does. */
    protected abstract void revoke(String accessTokenHash, Instant at);

    private AccessTokenStore store;
    private final String client = "client-" + UUID.randomUUID();
    private final String access = "access-" + UUID.randomUUID();
    private final List<UUID> chains = List.of(UUID.randomUUID(), UUID.randomUUID());
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @BeforeEach
    public void openTheStore() {
        store = store();
    }

    private void createToken(boolean portfolio) {
        create(new AccessToken(
                access,
                client,
                portfolio ? chains : chains.subList(0, 1),
                portfolio,
                "contract",
                NOW.minusSeconds(3600),
                Optional.empty()));
    }

    private Optional<AccessTokenStore.TokenUse> use(String clientHash, Instant at, int logSize) {
        return store.use(clientHash, access, at, logSize);
    }

    /** The entries of a log that are requests of this test (a new token's log may start with placeholders long ago). */
    private static List<Long> recent(AccessTokenStore.TokenUse use) {
        return use.requestTimes().stream()
                .filter(t -> t >= NOW.toEpochMilli())
                .sorted()
                .toList();
    }

    @Test
    public void aValidPairAuthenticatesAsTheTokensCaller() {
        createToken(true);
        AccessTokenStore.TokenUse use = use(client, NOW, 5).orElseThrow();
        assertEquals(new Caller(access, chains, true), use.caller());
        assertEquals(List.of(NOW.toEpochMilli()), recent(use));
    }

    @Test
    public void unknownMismatchedOrRevokedTokensAreRefused_andRecordNothing() {
        assertEquals(Optional.empty(), store.use(client, "no-such-" + access, NOW, 5));
        createToken(false);
        assertEquals(Optional.empty(), use("other-" + client, NOW.plusMillis(1), 5));
        assertEquals(
                List.of(NOW.plusMillis(2).toEpochMilli()),
                recent(use(client, NOW.plusMillis(2), 5).orElseThrow()));
        revoke(access, NOW.plusMillis(3));
        assertEquals(Optional.empty(), use(client, NOW.plusMillis(4), 5));
    }

    @Test
    public void withLogSizeZeroNothingIsRecorded() {
        createToken(false);
        AccessTokenStore.TokenUse use = use(client, NOW, 0).orElseThrow();
        assertEquals(new Caller(access, chains.subList(0, 1), false), use.caller());
        assertEquals(List.of(), use.requestTimes());
        assertEquals(
                List.of(NOW.plusMillis(1).toEpochMilli()),
                recent(use(client, NOW.plusMillis(1), 3).orElseThrow()));
    }

    /**
     * The log holds at least the last {@code logSize} requests, this one included; any other entry is an older request
     * or a placeholder older than all of them, so a sliding window decides the same on it.
     */
    @Test
    public void theLogHoldsTheLastRequestsUpToItsSize() {
        createToken(false);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Instant at = NOW.plusMillis(100L * i);
            times.add(at.toEpochMilli());
            AccessTokenStore.TokenUse use = use(client, at, 3).orElseThrow();
            List<Long> latest = times.subList(Math.max(0, times.size() - 3), times.size());
            assertTrue(use.requestTimes().containsAll(latest), use.requestTimes() + " lacks some of " + latest);
            long oldestKept = latest.get(0);
            for (long t : use.requestTimes()) {
                assertTrue(times.contains(t) || t < NOW.toEpochMilli(), "an entry that is no request: " + t);
                if (!latest.contains(t)) {
                    assertTrue(t < oldestKept, t + " is not older than the last 3");
                }
            }
        }
    }

    @Test
    public void throughTheGate_theRequestOverTheLimitIsRefused_andRefusedRequestsCount() {
        createToken(false);
        MutableClock clock = new MutableClock(NOW);
        AccessGate gate = new AccessGate(store, Optional.of(new RateLimit(2, 30)), clock);
        String clientToken = "gate-client-" + UUID.randomUUID();
        String accessToken = "gate-access-" + UUID.randomUUID();
        create(new AccessToken(
                TokenHash.of(accessToken),
                TokenHash.of(clientToken),
                chains.subList(0, 1),
                false,
                "gate",
                NOW,
                Optional.empty()));
        Runnable admit = () -> gate.admit(Optional.of(clientToken), Optional.of(accessToken));
        admit.run();
        clock.advance(Duration.ofSeconds(10));
        admit.run();
        ApiException refused = assertThrows(ApiException.class, admit::run);
        assertEquals(429, refused.status());
        assertEquals("30", refused.headers().get("Retry-After"));
        // At 31 s the first request has left the window, but the refused one (10 s) still counts with the one at 10 s.
        clock.advance(Duration.ofSeconds(21));
        assertEquals(429, assertThrows(ApiException.class, admit::run).status());
        clock.advance(Duration.ofSeconds(30));
        admit.run();
    }
}
