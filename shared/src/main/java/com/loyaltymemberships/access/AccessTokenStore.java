package com.loyaltymemberships.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The access tokens as the request path needs them: the port the access rules own, implemented by the
 * DynamoDB repository in one request per API request.
 */
public interface AccessTokenStore {

    /**
     * Looks up the access token with {@code accessTokenHash} and, only if it belongs to the client token with
     * {@code clientTokenHash} and is not revoked, records this request at {@code now} in its request log, which
     * keeps the token's last {@code logSize} requests. Check and record are one atomic step, so a revoked token
     * is refused from the very next request. With {@code logSize} 0 nothing is recorded.
     *
     * @return who is calling and the token's request log (this request included), or empty when the tokens
     *     do not authenticate, in which case nothing was recorded
     */
    Optional<TokenUse> use(String clientTokenHash, String accessTokenHash, Instant now, int logSize);

    /** @param requestTimes epoch milliseconds of the token's latest requests, this one included, in any order */
    record TokenUse(Caller caller, List<Long> requestTimes) {}
}
