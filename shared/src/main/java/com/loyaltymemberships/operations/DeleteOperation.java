package com.loyaltymemberships.operations;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.DeleteRequest;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.RequestBinder;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Reply;
import com.loyaltymemberships.validation.RequestValidator;

/** {@code delete}: soft-deletes memberships; its result is how many it deleted (for the request log). */
final class DeleteOperation implements Operation<DeleteRequest, Integer> {

    @Override
    public String operationName() {
        return "delete";
    }

    @Override
    public DeleteRequest bind(JsonBody body) {
        return RequestBinder.delete(body);
    }

    @Override
    public void validate(DeleteRequest request) {
        new RequestValidator().delete(request);
    }

    @Override
    public Integer call(MembershipService memberships, DeleteRequest request, Caller caller, Call<Integer> call) {
        return memberships.delete(request, caller, call);
    }

    /** {@code {}}, or 204 with {@code Prefer: return=minimal} (SPEC §1, §7). */
    @Override
    public Reply reply(Integer deleted, boolean prefersMinimal) {
        return prefersMinimal ? Reply.noContent(deleted) : Reply.emptyObject(deleted);
    }

    @Override
    public String primingProperties() {
        return "\"LoyaltyMembershipIds\": [\"905a4489-0960-4ac9-96ec-793f47365c92\"]";
    }
}
