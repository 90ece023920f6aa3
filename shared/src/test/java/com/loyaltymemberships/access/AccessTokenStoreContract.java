package com.loyaltymemberships.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link AccessGate} relies on from an {@link AccessTokenStore}, checked on the in-memory store and on the DynamoDB
 * repository: authentication (unknown, mismatched and revoked tokens are refused and recorded nowhere), the caller's
 * scope, and the rate limit state (TAT) each request moves atomically. Every test uses tokens of its own.
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

    private static final RateLimit THREE = new RateLimit(3, 30);

    private Optional<AccessTokenStore.TokenUse> use(String clientHash, Instant at, Optional<RateLimit> limit) {
        return store.use(clientHash, access, at, limit);
    }

    private Optional<AccessTokenStore.TokenUse> use(String clientHash, Instant at) {
        return use(clientHash, at, Optional.of(THREE));
    }

    /** Another instance of the service on the same data, where the store has one (DynamoDB); by default the same. */
    protected AccessTokenStore anotherInstance() {
        return store;
    }

    @Test
    public void aValidPairAuthenticatesAsTheTokensCaller() {
        createToken(true);
        AccessTokenStore.TokenUse use = use(client, NOW).orElseThrow();
        assertEquals(new Caller(access, chains, true), use.caller());
        assertEquals(0, use.tatBefore(), "a new token has no TAT yet");
        assertEquals(
                THREE.next(0, RateLimit.micros(NOW)),
                use(client, NOW).orElseThrow().tatBefore());
    }

    @Test
    public void unknownMismatchedOrRevokedTokensAreRefused_andRecordNothing() {
        assertEquals(Optional.empty(), store.use(client, "no-such-" + access, NOW, Optional.of(THREE)));
        createToken(false);
        assertEquals(Optional.empty(), use("other-" + client, NOW.plusMillis(1)));
        assertEquals(0, use(client, NOW.plusMillis(2)).orElseThrow().tatBefore());
        revoke(access, NOW.plusMillis(3));
        assertEquals(Optional.empty(), use(client, NOW.plusMillis(4)));
        assertEquals(Optional.empty(), use(client, NOW.plusMillis(4), Optional.empty()));
    }

    @Test
    public void withoutARateLimitNothingIsRecorded() {
        createToken(false);
        AccessTokenStore.TokenUse use = use(client, NOW, Optional.empty()).orElseThrow();
        assertEquals(new Caller(access, chains.subList(0, 1), false), use.caller());
        assertEquals(0, use(client, NOW.plusMillis(1)).orElseThrow().tatBefore());
    }

    /**
     * Each use answers the TAT before it and leaves {@link RateLimit#next} of it: idle, busy, past the backlog, with the
     * limit changed between requests, and through two instances of the service taking turns.
     */
    @Test
    public void eachUseMovesTheTatAsTheRuleSays() {
        createToken(false);
        AccessTokenStore other = anotherInstance();
        RateLimit five = new RateLimit(5, 2);
        long[] offsetsMillis = {0, 0, 0, 1, 100, 100, 100, 100, 100, 100, 20_000, 20_000, 20_400, 20_401, 60_000, 60_000
        };
        long tat = 0;
        for (int i = 0; i < offsetsMillis.length; i++) {
            Instant at = NOW.plusMillis(offsetsMillis[i]);
            RateLimit limit = i % 5 == 4 ? five : THREE;
            AccessTokenStore instance = i % 3 == 2 ? other : store;
            AccessTokenStore.TokenUse use =
                    instance.use(client, access, at, Optional.of(limit)).orElseThrow();
            assertEquals(tat, use.tatBefore(), "request " + i);
            tat = limit.next(tat, RateLimit.micros(at));
        }
        assertEquals(tat, use(client, NOW.plusSeconds(61)).orElseThrow().tatBefore());
    }

    /** Concurrent requests on one token, each through its own instance: exactly the limit is admitted. */
    @Test
    public void concurrentRequestsAdmitExactlyTheLimit() throws Exception {
        createToken(false);
        RateLimit limit = new RateLimit(5, 30);
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> admitted = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                AccessTokenStore instance = anotherInstance();
                admitted.add(pool.submit(() -> {
                    start.await();
                    long before = instance.use(client, access, NOW, Optional.of(limit))
                            .orElseThrow()
                            .tatBefore();
                    return limit.retryAfter(before, RateLimit.micros(NOW)).isEmpty();
                }));
            }
            start.countDown();
            int count = 0;
            for (Future<Boolean> f : admitted) {
                count += f.get() ? 1 : 0;
            }
            assertEquals(5, count);
        } finally {
            pool.shutdownNow();
        }
        // 5 admitted (T 6 s: TAT 30 s), then refused ones that count while TAT is within the backlog (48 s): 36, 42,
        // 48,
        // 54 s, and no more.
        assertEquals(
                RateLimit.micros(NOW.plusSeconds(54)),
                use(client, NOW, Optional.of(limit)).orElseThrow().tatBefore());
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
        // 2 per 30 s: T 15 s, τ 15 s.
        admit.run();
        admit.run();
        ApiException refused = assertThrows(ApiException.class, admit::run);
        assertEquals(429, refused.status());
        // TAT 30 s, 45 s with this refused request: admitted from 30 s.
        assertEquals("30", refused.headers().get("Retry-After"));
        clock.advance(Duration.ofSeconds(29));
        assertEquals(429, assertThrows(ApiException.class, admit::run).status());
        // That one counted too (TAT 60 s): admitted from 45 s.
        clock.advance(Duration.ofSeconds(16));
        admit.run();
    }
}
