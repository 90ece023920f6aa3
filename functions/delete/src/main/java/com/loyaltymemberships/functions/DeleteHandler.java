package com.loyaltymemberships.functions;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.DeleteRequest;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Reply;

/** {@code POST /api/connector/v1/loyaltyMemberships/delete}: soft-deletes memberships. */
public final class DeleteHandler extends OperationHandler<DeleteRequest, Integer> {

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public DeleteHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public DeleteHandler(LoyaltyApi api) {
        super(Operation.DELETE, DeleteRequest.class, api);
    }

    @Override
    public Integer call(MembershipService memberships, DeleteRequest request, Caller caller, Call call) {
        return memberships.delete(request, caller, call);
    }

    /** {@code {}}, or 204 with {@code Prefer: return=minimal} (SPEC §1, §7). */
    @Override
    public Reply reply(Integer deleted, boolean prefersMinimal) {
        return prefersMinimal ? Reply.noContent(deleted) : Reply.emptyObject(deleted);
    }
}
