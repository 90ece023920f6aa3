package com.loyaltymemberships.functions;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.contract.UpdateRequest;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Reply;

/** {@code POST /api/connector/v1/loyaltyMemberships/update}: changes memberships, answers them in request order. */
public final class UpdateHandler extends OperationHandler<UpdateRequest> {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public UpdateHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public UpdateHandler(LoyaltyApi api) {
        super(Operation.UPDATE, UpdateRequest.class, api);
    }

    /** update always answers with its body, whatever {@code Prefer} says (SPEC §1). */
    @Override
    protected Reply execute(LoyaltyApi api, UpdateRequest request, Caller caller, boolean prefersMinimal) {
        return Reply.ok(api.memberships().update(request, caller));
    }
}
