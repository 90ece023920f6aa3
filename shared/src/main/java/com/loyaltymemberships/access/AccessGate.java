package com.loyaltymemberships.access;

import com.loyaltymemberships.contract.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The door of every request: both tokens must check out (else the same 401, so a caller cannot tell which
 * token was wrong, SPEC §2), and the access token must be under its rate limit (else 429, SPEC §9). One
 * store request does both, and counts this request against the token whatever happens next.
 */
public final class AccessGate {

    private final AccessTokenStore tokens;
    private final Optional<RateLimit> rateLimit;
    private final Clock clock;

    public AccessGate(AccessTokenStore tokens, Optional<RateLimit> rateLimit, Clock clock) {
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    public Caller admit(Optional<String> clientToken, Optional<String> accessToken) {
        if (clientToken.filter(t -> !t.isBlank()).isEmpty()
                || accessToken.filter(t -> !t.isBlank()).isEmpty()) {
            throw ApiException.unauthorized();
        }
        Instant now = clock.instant();
        AccessTokenStore.TokenUse use = tokens.use(
                        TokenHash.of(clientToken.get()), TokenHash.of(accessToken.get()), now, rateLimit)
                .orElseThrow(ApiException::unauthorized);
        rateLimit.ifPresent(limit -> limit.retryAfter(use.tatBefore(), RateLimit.micros(now))
                .ifPresent(seconds -> {
                    throw ApiException.tooManyRequests(seconds, limit.limit(), limit.windowSeconds());
                }));
        return use.caller();
    }
}
