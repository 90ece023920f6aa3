package com.loyaltymemberships.auth;

import com.loyaltymemberships.api.ApiException;
import com.loyaltymemberships.dynamodb.TokenRepository;
import java.util.Optional;

/**
 * Checks the two tokens of a request against the stored hashes (one BatchGetItem). Every failure is
 * the same 401, so a caller cannot tell which token was wrong (SPEC §2).
 */
public final class Authenticator {

    private final TokenRepository tokens;

    public Authenticator(TokenRepository tokens) {
        this.tokens = tokens;
    }

    public Caller authenticate(Optional<String> clientToken, Optional<String> accessToken) {
        if (clientToken.filter(t -> !t.isBlank()).isEmpty() || accessToken.filter(t -> !t.isBlank()).isEmpty()) {
            throw ApiException.unauthorized();
        }
        String clientHash = TokenHash.of(clientToken.get());
        String accessHash = TokenHash.of(accessToken.get());
        TokenRepository.Pair found = tokens.find(clientHash, accessHash);
        boolean valid = found.client().filter(ClientToken::isActive).isPresent()
                && found.access().filter(AccessToken::isActive).filter(a -> a.clientTokenHash().equals(clientHash)).isPresent();
        if (!valid) {
            throw ApiException.unauthorized();
        }
        AccessToken access = found.access().get();
        return new Caller(access.hash(), access.chainIds(), access.portfolio());
    }
}
