package com.loyaltymemberships.access;

import java.time.Instant;
import java.util.Optional;

/**
 * The access tokens as the request path needs them: the port the access rules own, implemented by the
 * DynamoDB repository in one request per API request (two, rarely: see {@code AccessTokenRepository}).
 */
public interface AccessTokenStore {

    /**
     * Looks up the access token with {@code accessTokenHash} and, only if it belongs to the client token with
     * {@code clientTokenHash} and is not revoked, counts this request at {@code now} against {@code rateLimit}: moves
     * the token's theoretical arrival time to {@link RateLimit#next}. Check and count are one atomic step, so a revoked
     * token is refused from the very next request, and concurrent requests each see the count of the ones before.
     * Without a rate limit nothing is recorded.
     *
     * @return who is calling and the token's theoretical arrival time before this request (epoch microseconds, 0 for
     *     none yet or without a rate limit), or empty when the tokens do not authenticate, in which case nothing was
     *     recorded
     */
    Optional<TokenUse> use(String clientTokenHash, String accessTokenHash, Instant now, Optional<RateLimit> rateLimit);

    /** @param tatBefore the token's theoretical arrival time before this request, in epoch microseconds */
    record TokenUse(Caller caller, long tatBefore) {}
}
