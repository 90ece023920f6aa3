package com.loyaltymemberships.functions;

import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;

/** {@code POST /api/connector/v1/loyaltyMemberships/update}: changes memberships, answers them in request order. */
public final class UpdateHandler extends OperationHandler {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public UpdateHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public UpdateHandler(LoyaltyApi api) {
        super(Operations.UPDATE, api);
    }
}
