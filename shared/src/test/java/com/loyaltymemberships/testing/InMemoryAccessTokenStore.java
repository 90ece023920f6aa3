package com.loyaltymemberships.testing;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.AccessTokenStore;
import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.access.RateLimit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AccessTokenStore} in a map, for fast tests; {@code AccessTokenStoreContract} holds it to what
 * {@code dynamodb.AccessTokenRepository} does. Each token keeps its theoretical arrival time, moved by {@link
 * RateLimit#next} under the store's lock.
 */
public final class InMemoryAccessTokenStore implements AccessTokenStore {

    private final Map<String, AccessToken> tokens = new HashMap<>();
    private final Map<String, Long> tats = new HashMap<>();

    /** Stores a token, as the admin tool does ({@code TokenRepository.create}). */
    public synchronized void add(AccessToken token) {
        tokens.put(token.hash(), token);
        tats.remove(token.hash());
    }

    /** Revokes a token from {@code at} on, as the admin tool does. */
    public synchronized void revoke(String accessTokenHash, Instant at) {
        AccessToken t = tokens.get(accessTokenHash);
        tokens.put(
                accessTokenHash,
                new AccessToken(
                        t.hash(),
                        t.clientTokenHash(),
                        t.chainIds(),
                        t.portfolio(),
                        t.name(),
                        t.createdUtc(),
                        Optional.of(at)));
    }

    @Override
    public synchronized Optional<TokenUse> use(
            String clientTokenHash, String accessTokenHash, Instant now, Optional<RateLimit> rateLimit) {
        AccessToken token = tokens.get(accessTokenHash);
        if (token == null || !token.clientTokenHash().equals(clientTokenHash) || !token.isActive()) {
            return Optional.empty();
        }
        Caller caller = new Caller(token.hash(), token.chainIds(), token.portfolio());
        if (rateLimit.isEmpty()) {
            return Optional.of(new TokenUse(caller, 0));
        }
        long before = tats.getOrDefault(accessTokenHash, 0L);
        tats.put(accessTokenHash, rateLimit.get().next(before, RateLimit.micros(now)));
        return Optional.of(new TokenUse(caller, before));
    }
}
