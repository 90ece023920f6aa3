package com.loyaltymemberships.functions;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Reply;

/** {@code POST /api/connector/v1/loyaltyMemberships/add}: creates memberships, answers them in request order. */
public final class AddHandler extends OperationHandler<AddRequest, MembershipsResponse> {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public AddHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public AddHandler(LoyaltyApi api) {
        super(Operation.ADD, AddRequest.class, api);
    }

    @Override
    public MembershipsResponse call(MembershipService memberships, AddRequest request, Caller caller, Call call) {
        return memberships.add(request, caller, call);
    }

    /** add always answers with its body, whatever {@code Prefer} says (SPEC §1). */
    @Override
    public Reply reply(MembershipsResponse added, boolean prefersMinimal) {
        return Reply.ok(added);
    }
}
