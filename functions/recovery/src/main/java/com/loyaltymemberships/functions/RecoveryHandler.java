package com.loyaltymemberships.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import java.util.Map;

/**
 * Runs every minute (template.yaml's schedule): makes the store whole after any write of several transactions whose
 * function died midway, by finishing or releasing it once its lease has ended. No client request waits for it: a
 * writer that meets such a write recovers it itself; this is for the writes that nobody touches again.
 */
public final class RecoveryHandler implements RequestHandler<Map<String, Object>, String> {

    private final LoyaltyApi api;

    /** Used by Lambda: the JVM-wide service configured from the environment. */
    public RecoveryHandler() {
        this(LoyaltyApi.fromEnvironment());
    }

    public RecoveryHandler(LoyaltyApi api) {
        this.api = api;
    }

    /** @param scheduledEvent EventBridge's event, which says nothing this needs */
    @Override
    public String handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return "recovered " + api.recovery().recoverAbandoned() + " abandoned writes";
    }
}
