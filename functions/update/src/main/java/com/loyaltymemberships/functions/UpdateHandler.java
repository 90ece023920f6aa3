package com.loyaltymemberships.functions;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.contract.UpdateRequest;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Reply;

/** {@code POST /api/connector/v1/loyaltyMemberships/update}: changes memberships, answers them in request order. */
public final class UpdateHandler extends OperationHandler<UpdateRequest, MembershipsResponse> {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public UpdateHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public UpdateHandler(LoyaltyApi api) {
        super(Operation.UPDATE, UpdateRequest.class, api);
    }

    @Override
    public MembershipsResponse call(MembershipService memberships, UpdateRequest request, Caller caller, Call call) {
        return memberships.update(request, caller, call);
    }

    /** update always answers with its body, whatever {@code Prefer} says (SPEC §1). */
    @Override
    public Reply reply(MembershipsResponse updated, boolean prefersMinimal) {
        return Reply.ok(updated);
    }
}
