package com.loyaltymemberships.functions;

import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;

/** {@code POST /api/connector/v1/loyaltyMemberships/getAll}: one page of memberships. */
public final class GetAllHandler extends OperationHandler {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public GetAllHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public GetAllHandler(LoyaltyApi api) {
        super(Operations.GET_ALL, api);
    }
}
