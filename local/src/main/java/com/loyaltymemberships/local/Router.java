package com.loyaltymemberships.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.api.LoyaltyApi;
import com.loyaltymemberships.api.Operation;
import com.loyaltymemberships.functions.AddHandler;
import com.loyaltymemberships.functions.DeleteHandler;
import com.loyaltymemberships.functions.GetAllHandler;
import com.loyaltymemberships.functions.UpdateHandler;
import java.util.Map;

/** What API Gateway's routes do: each of the four paths to its own handler, anything else a 404. */
public final class Router {

    private final LoyaltyApi api;
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers;

    public Router(LoyaltyApi api) {
        this.api = api;
        this.handlers = Map.of(
                Operation.GET_ALL.path(), new GetAllHandler(api),
                Operation.ADD.path(), new AddHandler(api),
                Operation.UPDATE.path(), new UpdateHandler(api),
                Operation.DELETE.path(), new DeleteHandler(api));
    }

    public APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handlers.get(event.getRawPath());
        Context context = new LocalContext(handler == null ? "NotFound" : handler.getClass().getSimpleName());
        return handler == null ? api.notFound(context.getAwsRequestId()) : handler.handleRequest(event, context);
    }
}
