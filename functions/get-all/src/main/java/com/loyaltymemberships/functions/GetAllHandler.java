package com.loyaltymemberships.functions;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.GetAllRequest;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Reply;

/** {@code POST /api/connector/v1/loyaltyMemberships/getAll}: one page of memberships. */
public final class GetAllHandler extends OperationHandler<GetAllRequest, MembershipsResponse> {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public GetAllHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public GetAllHandler(LoyaltyApi api) {
        super(Operation.GET_ALL, GetAllRequest.class, api);
    }

    @Override
    public MembershipsResponse call(MembershipService memberships, GetAllRequest request, Caller caller, Call call) {
        return memberships.getAll(request, caller);
    }

    /** An empty page with {@code Prefer: return=minimal} is a 204 (SPEC §1). */
    @Override
    public Reply reply(MembershipsResponse page, boolean prefersMinimal) {
        return prefersMinimal && page.loyaltyMemberships().isEmpty() ? Reply.noContent(0) : Reply.ok(page);
    }
}
