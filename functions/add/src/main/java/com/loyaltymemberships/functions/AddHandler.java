package com.loyaltymemberships.functions;

import com.loyaltymemberships.api.AddRequest;
import com.loyaltymemberships.api.LoyaltyApi;
import com.loyaltymemberships.api.Operation;
import com.loyaltymemberships.api.OperationHandler;
import com.loyaltymemberships.api.Reply;
import com.loyaltymemberships.auth.Caller;

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
