package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.contract.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
public abstract class OperationHandler<T, R> implements RequestStreamHandler, Resource, Endpoint<T, R> {

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

    /** What Lambda calls: the event's JSON in, the response's JSON out (see HttpApiEventCodec for why a stream handler). */
    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        api.handle(operation, requestType, this, event, response, context);
    }

    /** The same request pipeline on an event already decoded: for the local server and in-process tests. */
    public final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
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
