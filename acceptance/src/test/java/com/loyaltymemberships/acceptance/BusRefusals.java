package com.loyaltymemberships.acceptance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * EventBridge refusing entries of a PutEvents, as it does under throttling or an internal failure: the entries chosen
 * are taken out of the request before it is sent (so they are not on the bus), and answered as failed in their place,
 * with {@code FailedEntryCount}.
 */
final class BusRefusals implements ExecutionInterceptor {

    /** Which entries of a call were refused, of how many the caller sent. */
    private record Refused(List<Integer> indexes, int of) {}

    private static final ExecutionAttribute<Refused> REFUSED = new ExecutionAttribute<>("refused");

    private volatile Predicate<PutEventsRequestEntry> refuse = entry -> false;
    final AtomicInteger refusals = new AtomicInteger();

    void refuse(Predicate<PutEventsRequestEntry> which) {
        this.refuse = which;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutEventsRequest put)) {
            return context.request();
        }
        List<Integer> refused = new ArrayList<>();
        List<PutEventsRequestEntry> sent = new ArrayList<>();
        for (int i = 0; i < put.entries().size(); i++) {
            if (refuse.test(put.entries().get(i))) {
                refused.add(i);
            } else {
                sent.add(put.entries().get(i));
            }
        }
        attributes.putAttribute(REFUSED, new Refused(refused, put.entries().size()));
        refusals.addAndGet(refused.size());
        // EventBridge takes no empty request: one entry that matches no rule stands in.
        if (sent.isEmpty()) {
            sent.add(PutEventsRequestEntry.builder()
                    .source("bus-refusals")
                    .detailType("nothing")
                    .detail("{}")
                    .build());
        }
        return put.toBuilder().entries(sent).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Refused refused = attributes.getAttribute(REFUSED);
        if (!(context.response() instanceof PutEventsResponse response)
                || refused.indexes().isEmpty()) {
            return context.response();
        }
        List<PutEventsResultEntry> entries = new ArrayList<>();
        for (int i = 0, next = 0; i < refused.of(); i++) {
            entries.add(
                    refused.indexes().contains(i)
                            ? PutEventsResultEntry.builder()
                                    .errorCode("ThrottlingException")
                                    .errorMessage("Rate exceeded (injected)")
                                    .build()
                            : response.entries().get(next++));
        }
        int failed = (int) entries.stream().filter(e -> e.errorCode() != null).count();
        return response.toBuilder().entries(entries).failedEntryCount(failed).build();
    }
}
