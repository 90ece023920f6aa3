package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/**
 * Base of the Lambda handlers: a function's handler names its {@link Operation} and nothing else; decoding,
 * authentication, rate limiting, Idempotency-Keys, errors and encoding are in the pipeline, once. It also primes the
 * JVM before a SnapStart snapshot (CRaC {@code beforeCheckpoint}).
 */
public abstract class OperationHandler implements RequestStreamHandler, Resource {

    private final Operation<?, ?> operation;
    private final LoyaltyApi api;

    protected OperationHandler(Operation<?, ?> operation, LoyaltyApi api) {
        this.operation = operation;
        this.api = api;
        Core.getGlobalContext().register(this);
    }

    public Operation<?, ?> operation() {
        return operation;
    }

    /** What Lambda calls: the event's JSON in, the response's JSON out (see HttpApiEventCodec for why a stream handler). */
    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        api.handle(operation, event, response, context);
    }

    /** The same request pipeline on an event already decoded: for the local server and in-process tests. */
    public final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(operation, event, context);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        api.prime(operation);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: clients resolve credentials and connections lazily after restore.
    }
}
