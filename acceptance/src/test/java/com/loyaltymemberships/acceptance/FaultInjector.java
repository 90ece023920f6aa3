package com.loyaltymemberships.acceptance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Makes the n-th DynamoDB call of one kind fail, either before it reaches the engine (nothing
 * applied) or after it was applied (the caller cannot know it was), or runs something just before it.
 * The failure is a client-side one (the connection failed), or one given: DynamoDB's own answer, say throttling.
 */
final class FaultInjector implements ExecutionInterceptor {

    enum When {
        BEFORE_SENDING,
        AFTER_APPLYING
    }

    private static final IntFunction<RuntimeException> CLIENT_FAILURE =
            n -> SdkClientException.create("injected failure before sending call " + n);

    private volatile Class<? extends SdkRequest> type;
    private volatile int failOn;
    private volatile boolean andAfter;
    private volatile When when;
    private volatile IntFunction<? extends RuntimeException> failure = CLIENT_FAILURE;
    private volatile Runnable before;
    private volatile int beforeOn;
    private volatile TestClock clock;
    private volatile Duration slowness = Duration.ZERO;
    /** The service's widest Fanout: PartPuts.AT_ONCE, WriteShards.COUNT. */
    private static final int SIDE_BY_SIDE = 32;

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
        this.failure = CLIENT_FAILURE;
    }

    /** Fails the {@code n}-th call of {@code type} before it reaches the engine with {@code failure} (given the call's number). */
    void fail(Class<? extends SdkRequest> type, int n, IntFunction<? extends RuntimeException> failure) {
        fail(type, n, When.BEFORE_SENDING);
        this.failure = failure;
    }

    /** Fails the {@code n}-th call of {@code type} and every one after it, before sending, until {@link #reset}. */
    void failFrom(Class<? extends SdkRequest> type, int n) {
        fail(type, n, When.BEFORE_SENDING);
        this.andAfter = true;
    }

    /** {@link #failFrom(Class, int)} with {@code failure}. */
    void failFrom(Class<? extends SdkRequest> type, int n, IntFunction<? extends RuntimeException> failure) {
        fail(type, n, failure);
        this.andAfter = true;
    }

    /**
     * Makes every call take {@code by} longer on {@code clock}, which the service under test reads: a slow engine in no
     * time. A call sent side by side with others (on the service's Fanout threads, {@value #SIDE_BY_SIDE} at a time: a
     * journal part's puts, a getAll's Queries) takes its share of that, as calls in flight together overlap.
     */
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
        runBefore(type, 1, action);
    }

    /** Runs {@code action} once, just before the {@code n}-th call of {@code type} from now on is sent. */
    void runBefore(Class<? extends SdkRequest> type, int n, Runnable action) {
        this.seen.set(0);
        this.type = type;
        this.failOn = 0;
        this.beforeOn = n;
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
            clock.advance(
                    Thread.currentThread().getName().equals("dynamodb-fanout")
                            ? slowness.dividedBy(SIDE_BY_SIDE)
                            : slowness);
        }
        if (!context.request().getClass().equals(type)) {
            return;
        }
        int n = seen.incrementAndGet();
        Runnable action = before;
        if (action != null && n == beforeOn) {
            before = null;
            action.run();
            return; // the call that ran it goes on: what the action set up applies from the next call
        }
        if ((n == failOn || andAfter && n > failOn) && when == When.BEFORE_SENDING) {
            throw failure.apply(n);
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
