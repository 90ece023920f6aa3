package com.loyaltymemberships.functions;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Reply;

/** {@code POST /api/connector/v1/loyaltyMemberships/add}: creates memberships, answers them in request order. */
public final class AddHandler extends OperationHandler<AddRequest> {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public AddHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public AddHandler(LoyaltyApi api) {
        super(Operation.ADD, AddRequest.class, api);
    }

    /** add always answers with its body, whatever {@code Prefer} says (SPEC §1). */
    @Override
    protected Reply execute(LoyaltyApi api, AddRequest request, Caller caller, boolean prefersMinimal) {
        return Reply.ok(api.memberships().add(request, caller));
    }
}
