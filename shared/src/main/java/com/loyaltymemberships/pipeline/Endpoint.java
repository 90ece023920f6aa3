package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;

/**
 * What one operation does with a decoded request from an authenticated caller: call the service, then shape the
 * answer from its result. Two steps, because a write sent with an Idempotency-Key keeps that answer in the same
 * transaction as its last write (the service shapes it through the {@link Call}).
 *
 * @param <T> the request body
 * @param <R> the service's result
 */
public interface Endpoint<T, R> {

    R call(MembershipService memberships, T request, Caller caller, Call call);

    Reply reply(R result, boolean prefersMinimal);
}
