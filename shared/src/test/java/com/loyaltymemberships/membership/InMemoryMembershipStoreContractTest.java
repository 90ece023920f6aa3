package com.loyaltymemberships.membership;

import com.loyaltymemberships.testing.InMemoryIdempotencyStore;
import com.loyaltymemberships.testing.InMemoryMembershipStore;

/** The in-memory store of the fast tests keeps the {@link MembershipStore} contract. */
class InMemoryMembershipStoreContractTest extends MembershipStoreContract {

    @Override
    protected Stores stores() {
        InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
        return new Stores(new InMemoryMembershipStore(keys), keys);
    }
}
