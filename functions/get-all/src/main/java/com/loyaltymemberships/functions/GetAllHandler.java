package com.loyaltymemberships.functions;

import com.loyaltymemberships.api.GetAllRequest;
import com.loyaltymemberships.api.LoyaltyApi;
import com.loyaltymemberships.api.MembershipsResponse;
import com.loyaltymemberships.api.Operation;
import com.loyaltymemberships.api.OperationHandler;
import com.loyaltymemberships.api.Reply;
import com.loyaltymemberships.auth.Caller;

/** {@code POST /api/connector/v1/loyaltyMemberships/getAll}: one page of memberships. */
public final class GetAllHandler extends OperationHandler<GetAllRequest> {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public GetAllHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public GetAllHandler(LoyaltyApi api) {
        super(Operation.GET_ALL, GetAllRequest.class, api);
    }

    /** An empty page with {@code Prefer: return=minimal} is a 204 (SPEC §1). */
    @Override
    protected Reply execute(LoyaltyApi api, GetAllRequest request, Caller caller, boolean prefersMinimal) {
        MembershipsResponse page = api.memberships().getAll(request, caller);
        return prefersMinimal && page.loyaltyMemberships().isEmpty() ? Reply.noContent(0) : Reply.ok(page);
    }
}
