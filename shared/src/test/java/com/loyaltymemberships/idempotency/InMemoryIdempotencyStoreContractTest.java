package com.loyaltymemberships.idempotency;

import com.loyaltymemberships.testing.InMemoryIdempotencyStore;

/** The in-memory store of the fast tests keeps the {@link IdempotencyStore} contract. */
class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContract {

    @Override
    protected IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }
}
