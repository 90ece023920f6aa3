package com.loyaltymemberships.acceptance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts the DynamoDB calls of each kind made through a client. */
final class CallCounter implements ExecutionInterceptor {

    private final Map<Class<? extends SdkRequest>, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        counts.computeIfAbsent(context.request().getClass(), type -> new AtomicInteger())
                .incrementAndGet();
    }

    int count(Class<? extends SdkRequest> type) {
        AtomicInteger count = counts.get(type);
        return count == null ? 0 : count.get();
    }

    void reset() {
        counts.clear();
    }
}
