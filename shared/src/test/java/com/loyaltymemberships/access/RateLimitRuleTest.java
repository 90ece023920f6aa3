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
 * SPEC §9, 429: more than {@code limit} requests per access token in a sliding window is refused with Retry-After in
 * whole seconds; every request with a valid token counts, refused ones too; requests failing authentication count
 * against no token. Through {@link AccessGate} on the in-memory token store.
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
    void section9_theRequestOverTheLimitInTheWindowIs429WithRetryAfter() {
        admit("access");
        clock.advance(Duration.ofSeconds(10));
        admit("access");
        admit("access");
        ApiException e = refused("access");
        // The window holds requests at 0 s, 10 s, 10 s and this refused one (10 s), which counts: a retry fits once the
        // third newest (10 s) has left the window, 30 s from now.
        assertEquals(Map.of("Retry-After", "30"), e.headers());
        // Other tokens have their own window.
        admit("access-2");
    }

    @Test
    void section9_refusedRequestsCountToo() {
        for (int i = 0; i < 3; i++) {
            admit("access");
        }
        clock.advance(Duration.ofSeconds(20));
        for (int i = 0; i < 3; i++) {
            refused("access");
        }
        // The three admitted requests have left the window: only the three refused ones at 20 s keep this one out.
        clock.advance(Duration.ofSeconds(11));
        refused("access");
        clock.advance(Duration.ofSeconds(20));
        admit("access");
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
