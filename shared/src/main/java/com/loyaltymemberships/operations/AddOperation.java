package com.loyaltymemberships.operations;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.RequestBinder;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Reply;
import com.loyaltymemberships.validation.RequestValidator;

/** {@code add}: creates memberships, answers them in request order. */
final class AddOperation implements Operation<AddRequest, MembershipsResponse> {

    private static final String PRIMING_PROPERTIES =
            "\"ChainId\": \"3fa85f64-5717-4562-b3fc-2c963f66afa6\", \"LoyaltyMemberships\": [{"
                    + "\"AccountId\": \"fadd5bb6-b428-45d5-94f8-fd0d89fece6d\", \"LoyaltyProgramId\": \"f701dafb-5765-4cf4-b1dd-1f602a740ae5\","
                    + " \"IsPrimary\": true, \"State\": \"Enrolled\", \"MembershipNumber\": \"M-1\", \"Points\": 1,"
                    + " \"ExpirationDate\": \"2029-12-24T00:00:00Z\", \"Url\": \"https://example.com/m/1\"}]";

    @Override
    public String operationName() {
        return "add";
    }

    @Override
    public AddRequest bind(JsonBody body) {
        return RequestBinder.add(body);
    }

    @Override
    public void validate(AddRequest request) {
        new RequestValidator().add(request);
    }

    @Override
    public MembershipsResponse call(
            MembershipService memberships, AddRequest request, Caller caller, Call<MembershipsResponse> call) {
        return memberships.add(request, caller, call);
    }

    /** add always answers with its body, whatever {@code Prefer} says (SPEC §1). */
    @Override
    public Reply reply(MembershipsResponse added, boolean prefersMinimal) {
        return Reply.ok(added);
    }

    @Override
    public String primingProperties() {
        return PRIMING_PROPERTIES;
    }
}
