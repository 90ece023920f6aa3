package com.loyaltymemberships.testing;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.AccessTokenStore;
import com.loyaltymemberships.access.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AccessTokenStore} in a map, for fast tests; {@code AccessTokenStoreContract} holds it to what
 * {@code dynamodb.AccessTokenRepository} does. Each token keeps exactly its last {@code logSize} request times
 * (the repository may keep more, older ones: the rate limit decides the same on both, see the contract).
 */
public final class InMemoryAccessTokenStore implements AccessTokenStore {

    private final Map<String, AccessToken> tokens = new HashMap<>();
    private final Map<String, List<Long>> logs = new HashMap<>();

    /** Stores a token, as the admin tool does ({@code TokenRepository.create}). */
    public synchronized void add(AccessToken token) {
        tokens.put(token.hash(), token);
        logs.put(token.hash(), new ArrayList<>());
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
            String clientTokenHash, String accessTokenHash, Instant now, int logSize) {
        AccessToken token = tokens.get(accessTokenHash);
        if (token == null || !token.clientTokenHash().equals(clientTokenHash) || !token.isActive()) {
            return Optional.empty();
        }
        Caller caller = new Caller(token.hash(), token.chainIds(), token.portfolio());
        if (logSize == 0) {
            return Optional.of(new TokenUse(caller, List.of()));
        }
        List<Long> log = logs.get(accessTokenHash);
        log.add(now.toEpochMilli());
        while (log.size() > logSize) {
            log.remove(0);
        }
        return Optional.of(new TokenUse(caller, List.copyOf(log)));
    }
}
