package com.loyaltymemberships.functions;

import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;

/** {@code POST /api/connector/v1/loyaltyMemberships/delete}: soft-deletes memberships. */
public final class DeleteHandler extends OperationHandler {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public DeleteHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public DeleteHandler(LoyaltyApi api) {
        super(Operations.DELETE, api);
    }
}
