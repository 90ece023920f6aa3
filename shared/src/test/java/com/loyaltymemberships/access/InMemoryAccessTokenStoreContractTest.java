package com.loyaltymemberships.access;

import com.loyaltymemberships.testing.InMemoryAccessTokenStore;
import java.time.Instant;

/** The in-memory store of the fast tests keeps the {@link AccessTokenStore} contract. */
class InMemoryAccessTokenStoreContractTest extends AccessTokenStoreContract {

    private InMemoryAccessTokenStore tokens;

    @Override
    protected AccessTokenStore store() {
        tokens = new InMemoryAccessTokenStore();
        return tokens;
    }

    @Override
    protected void create(AccessToken token) {
        tokens.add(token);
    }

    @Override
    protected void revoke(String accessTokenHash, Instant at) {
        tokens.revoke(accessTokenHash, at);
    }
}
