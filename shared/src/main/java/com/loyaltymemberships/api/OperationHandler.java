package com.loyaltymemberships.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.auth.Caller;

/**
 * Base of the four Lambda handlers: each names its operation and request type and says which service
 * call answers it; decoding, authentication, rate limiting, errors and encoding are here, once.
 *
 * @param <T> the request body type
 */
public abstract class OperationHandler<T> implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Operation operation;
    private final Class<T> requestType;
    private final LoyaltyApi api;

    protected OperationHandler(Operation operation, Class<T> requestType, LoyaltyApi api) {
        this.operation = operation;
        this.requestType = requestType;
        this.api = api;
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(operation, requestType, (request, caller, minimal) -> execute(api, request, caller, minimal), event, context);
    }

    /** The operation itself: call the service and shape the reply. */
    protected abstract Reply execute(LoyaltyApi api, T request, Caller caller, boolean prefersMinimal);
}
