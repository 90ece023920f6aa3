package com.loyaltymemberships.functions;

import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;

/** {@code POST /api/connector/v1/loyaltyMemberships/add}: creates memberships, answers them in request order. */
public final class AddHandler extends OperationHandler {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public AddHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public AddHandler(LoyaltyApi api) {
        super(Operations.ADD, api);
    }
}
