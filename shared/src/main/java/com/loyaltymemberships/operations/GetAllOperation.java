package com.loyaltymemberships.operations;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.GetAllRequest;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.RequestBinder;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Reply;
import com.loyaltymemberships.validation.RequestValidator;

/** {@code getAll}: one page of the memberships the filters select, in the order SPEC §6 gives. */
final class GetAllOperation implements Operation<GetAllRequest, MembershipsResponse> {

    @Override
    public String operationName() {
        return "getAll";
    }

    @Override
    public GetAllRequest bind(JsonBody body) {
        return RequestBinder.getAll(body);
    }

    @Override
    public void validate(GetAllRequest request) {
        new RequestValidator().getAll(request);
    }

    /** A read: it keeps no answer, so it has no use for the call's receipt. */
    @Override
    public MembershipsResponse call(
            MembershipService memberships, GetAllRequest request, Caller caller, Call<MembershipsResponse> call) {
        return memberships.getAll(request, caller);
    }

    /** An empty page with {@code Prefer: return=minimal} is a 204 (SPEC §1). */
    @Override
    public Reply reply(MembershipsResponse page, boolean prefersMinimal) {
        return prefersMinimal && page.loyaltyMemberships().isEmpty() ? Reply.noContent(0) : Reply.ok(page);
    }

    /** A read changes nothing, so it has nothing for a key to protect (SPEC §11). */
    @Override
    public boolean takesIdempotencyKey() {
        return false;
    }

    @Override
    public String primingProperties() {
        return "\"ChainIds\": [\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"],"
                + " \"CreatedUtc\": {\"StartUtc\": \"2022-10-15T00:00:00Z\", \"EndUtc\": \"2022-10-20T00:00:00Z\"},"
                + " \"MembershipStates\": [\"Enrolled\"], \"Limitation\": {\"Count\": 10}";
    }
}
