package com.loyaltymemberships.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.testing.InMemoryAccessTokenStore;
import com.loyaltymemberships.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §9, 429: requests per access token over the limit are refused with Retry-After in whole seconds, under the
 * GCRA definition of {@link RateLimit}; every request with a valid token counts, refused ones too; requests failing
 * authentication count against no token. Through {@link AccessGate} on the in-memory token store.
 */
class RateLimitRuleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final InMemoryAccessTokenStore tokens = new InMemoryAccessTokenStore();
    private final AccessGate gate = new AccessGate(tokens, Optional.of(new RateLimit(3, 30)), clock);

    {
        tokens.add(new AccessToken(
                TokenHash.of("access"),
                TokenHash.of("client"),
                List.of(UUID.randomUUID()),
                false,
                "t",
                Instant.EPOCH,
                Optional.empty()));
        tokens.add(new AccessToken(
                TokenHash.of("access-2"),
                TokenHash.of("client"),
                List.of(UUID.randomUUID()),
                false,
                "t",
                Instant.EPOCH,
                Optional.empty()));
    }

    private void admit(String access) {
        gate.admit(Optional.of("client"), Optional.of(access));
    }

    private ApiException refused(String access) {
        ApiException e = assertThrows(ApiException.class, () -> admit(access));
        assertEquals(429, e.status(), e.getMessage());
        return e;
    }

    @Test
    void section9_aBurstOfTheLimitIsAdmitted_theNextIs429WithRetryAfter_thenOnePerInterval() {
        // 3 per 30 s: the emission interval T is 10 s, the tolerance τ 20 s.
        admit("access");
        admit("access");
        admit("access");
        ApiException e = refused("access");
        // TAT is 30 s ahead; this refused request counts (40 s), so a request fits once TAT is τ ahead: in 20 s.
        assertEquals(Map.of("Retry-After", "20"), e.headers());
        // Other tokens have their own state.
        admit("access-2");
        clock.advance(Duration.ofMillis(19_999));
        refused("access");
        // That early retry counted too (TAT 50 s): 10 s more.
        clock.advance(Duration.ofMillis(10_001));
        admit("access");
        refused("access");
        clock.advance(Duration.ofSeconds(20));
        admit("access");
    }

    @Test
    void section9_refusedRequestsCountToo() {
        for (int i = 0; i < 3; i++) {
            admit("access");
        }
        refused("access");
        // Without the refused request TAT would be 30 s, and a request 10 s later would fit (20 s ahead, τ); with it,
        // TAT is 40 s.
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Map.of("Retry-After", "20"), refused("access").headers());
    }

    @Test
    void section9_aClientThatKeepsCallingStaysRefused_andIsAdmittedAtMostAWindowAfterItStops() {
        for (int i = 0; i < 3; i++) {
            admit("access");
        }
        for (int i = 0; i < 600; i++) {
            refused("access");
            clock.advance(Duration.ofMillis(500));
        }
        clock.advance(Duration.ofMillis(30_000 - 500));
        admit("access");
    }

    @Test
    void section9_aChangedLimitAppliesFromTheNextRequest() {
        AccessGate five = new AccessGate(tokens, Optional.of(new RateLimit(5, 30)), clock);
        for (int i = 0; i < 3; i++) {
            admit("access");
        }
        // TAT 30 s ahead; under 5 per 30 s (T 6 s, τ 24 s) that is still too far: refused, and TAT moves 6 s.
        assertEquals(
                429,
                assertThrows(ApiException.class, () -> five.admit(Optional.of("client"), Optional.of("access")))
                        .status());
        clock.advance(Duration.ofSeconds(12));
        five.admit(Optional.of("client"), Optional.of("access"));
        refused("access");
    }

    @Test
    void section9_requestsThatFailAuthenticationCountAgainstNoToken() {
        for (int i = 0; i < 10; i++) {
            assertEquals(
                    401,
                    assertThrows(
                                    ApiException.class,
                                    () -> gate.admit(Optional.of("wrong-client"), Optional.of("access")))
                            .status());
        }
        admit("access");
        admit("access");
        admit("access");
        refused("access");
    }
}
