package com.loyaltymemberships.acceptance;

import java.time.Duration;
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
    private volatile boolean andAfter;
    private volatile When when;
    private volatile Runnable before;
    private volatile TestClock clock;
    private volatile Duration slowness = Duration.ZERO;
    private volatile Class<? extends SdkRequest> hanging;
    private final AtomicInteger seen = new AtomicInteger();

    /** Fails the {@code n}-th call (1-based) of {@code type} from now on. */
    void fail(Class<? extends SdkRequest> type, int n, When when) {
        this.seen.set(0);
        this.type = type;
        this.failOn = n;
        this.andAfter = false;
        this.when = when;
        this.before = null;
    }

    /** Fails the {@code n}-th call of {@code type} and every one after it, before sending, until {@link #reset}. */
    void failFrom(Class<? extends SdkRequest> type, int n) {
        fail(type, n, When.BEFORE_SENDING);
        this.andAfter = true;
    }

    /** Makes every call take {@code by} longer on {@code clock}, which the service under test reads: a slow engine in no time. */
    void slowDown(TestClock clock, Duration by) {
        this.clock = clock;
        this.slowness = by;
    }

    /** Makes every call of {@code type} hang once sent, until the SDK's timeouts interrupt it: an engine that never answers. */
    void hang(Class<? extends SdkRequest> type) {
        this.hanging = type;
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
        slowness = Duration.ZERO;
        hanging = null;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!slowness.isZero()) {
            clock.advance(slowness);
        }
        if (!context.request().getClass().equals(type)) {
            return;
        }
        int n = seen.incrementAndGet();
        Runnable action = before;
        if (action != null && n == 1) {
            before = null;
            action.run();
        }
        if ((n == failOn || andAfter && n > failOn) && when == When.BEFORE_SENDING) {
            throw SdkClientException.create("injected failure before sending call " + n);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request().getClass().equals(hanging)) {
            try {
                Thread.sleep(Duration.ofMinutes(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the SDK's timeout: it then fails the attempt
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request().getClass().equals(type) && seen.get() == failOn && when == When.AFTER_APPLYING) {
            throw SdkClientException.create("injected failure after applying call " + failOn);
        }
    }
}
