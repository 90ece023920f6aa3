package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.contract.Operation;
import org.crac.Core;
import org.crac.Resource;

/**
 * Base of the four Lambda handlers: each names its operation and request type, which service call answers it and how
 * its result is answered; decoding, authentication, rate limiting, Idempotency-Keys, errors and encoding are here,
 * once. It also primes the JVM before a SnapStart snapshot (CRaC {@code beforeCheckpoint}).
 *
 * @param <T> the request body type
 * @param <R> the service call's result
 */
public abstract class OperationHandler<T, R> implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource,
        Endpoint<T, R> {

    private final Operation operation;
    private final Class<T> requestType;
    private final LoyaltyApi api;

    protected OperationHandler(Operation operation, Class<T> requestType, LoyaltyApi api) {
        this.operation = operation;
        this.requestType = requestType;
        this.api = api;
        Core.getGlobalContext().register(this);
    }

    public Operation operation() {
        return operation;
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(operation, requestType, this, event, context);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        api.prime(operation, requestType, this);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: clients resolve credentials and connections lazily after restore.
    }
}
