package com.loyaltymemberships.operations;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.RequestBinder;
import com.loyaltymemberships.contract.UpdateRequest;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Reply;
import com.loyaltymemberships.validation.RequestValidator;

/** {@code update}: changes the properties each item names, answers the memberships as written, in request order. */
final class UpdateOperation implements Operation<UpdateRequest, MembershipsResponse> {

    @Override
    public String operationName() {
        return "update";
    }

    @Override
    public UpdateRequest bind(JsonBody body) {
        return RequestBinder.update(body);
    }

    @Override
    public void validate(UpdateRequest request) {
        new RequestValidator().update(request);
    }

    @Override
    public MembershipsResponse call(
            MembershipService memberships, UpdateRequest request, Caller caller, Call<MembershipsResponse> call) {
        return memberships.update(request, caller, call);
    }

    /** update always answers with its body, whatever {@code Prefer} says (SPEC §1). */
    @Override
    public Reply reply(MembershipsResponse updated, boolean prefersMinimal) {
        return Reply.ok(updated);
    }

    @Override
    public String primingProperties() {
        return "\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"905a4489-0960-4ac9-96ec-793f47365c92\","
                + " \"State\": {\"Value\": \"Canceled\"}, \"Points\": {\"Value\": 42}, \"Url\": {\"Value\": null}}]";
    }
}
