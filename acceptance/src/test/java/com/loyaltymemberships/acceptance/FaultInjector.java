package com.loyaltymemberships.acceptance;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Makes the n-th DynamoDB call of one kind fail, either before it reaches the engine (nothing
 * applied) or after it was applied (the caller cannot know it was), or runs something just before it.
 */
final class FaultInjector implements ExecutionInterceptor {

    enum When { BEFORE_SENDING, AFTER_APPLYING }

    private volatile Class<? extends SdkRequest> type;
    private volatile int failOn;
    private volatile When when;
    private volatile Runnable before;
    private final AtomicInteger seen = new AtomicInteger();

    /** Fails the {@code n}-th call (1-based) of {@code type} from now on. */
    void fail(Class<? extends SdkRequest> type, int n, When when) {
        this.seen.set(0);
        this.type = type;
        this.failOn = n;
        this.when = when;
        this.before = null;
    }

    /** Runs {@code action} once, just before the next call of {@code type} is sent. */
    void runBefore(Class<? extends SdkRequest> type, Runnable action) {
        this.seen.set(0);
        this.type = type;
        this.failOn = 0;
        this.before = action;
    }

    void reset() {
        type = null;
        before = null;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!context.request().getClass().equals(type)) {
            return;
        }
        int n = seen.incrementAndGet();
        Runnable action = before;
        if (action != null && n == 1) {
            before = null;
            action.run();
        }
        if (n == failOn && when == When.BEFORE_SENDING) {
            throw SdkClientException.create("injected failure before sending call " + n);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request().getClass().equals(type) && seen.get() == failOn && when == When.AFTER_APPLYING) {
            throw SdkClientException.create("injected failure after applying call " + failOn);
        }
    }
}
