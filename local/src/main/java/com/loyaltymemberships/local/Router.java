package com.loyaltymemberships.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.OperationHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What API Gateway's routes do: each operation's path to its own handler, anything else a 404. The handlers are
 * found as services (each function module registers its handler in META-INF/services), so this module never
 * imports a function's code, just as API Gateway knows a function only by its handler name.
 */
public final class Router {

    private final LoyaltyApi api;
    private final Map<String, OperationHandler> handlers = new HashMap<>();

    /** The operations of {@link Operations#ALL}, each served by its function's handler on the class path. */
    public Router(LoyaltyApi api) {
        this(api, Operations.ALL, registeredHandlers(api));
    }

    /**
     * Routes each of {@code operations} to its handler in {@code handlers}. An operation without a handler, or a handler
     * whose operation is not listed, fails here: each is a place forgotten when adding an operation.
     */
    public Router(LoyaltyApi api, List<Operation<?, ?>> operations, List<OperationHandler> handlers) {
        this.api = api;
        for (OperationHandler handler : handlers) {
            if (!operations.contains(handler.operation())) {
                throw new IllegalStateException(handler.getClass().getName() + " serves "
                        + handler.operation().path() + ", which is not in the list of operations (Operations.ALL)");
            }
            this.handlers.put(handler.operation().path(), handler);
        }
        for (Operation<?, ?> operation : operations) {
            if (!this.handlers.containsKey(operation.path())) {
                throw new IllegalStateException("No handler for " + operation.path() + " on the class path: "
                        + operation.handlerClass() + " must be registered in its function module's META-INF/services");
            }
        }
    }

    /** Every registered handler, built on {@code api} instead of the JVM-wide default a Lambda runtime would use. */
    private static List<OperationHandler> registeredHandlers(LoyaltyApi api) {
        return ServiceLoader.load(OperationHandler.class).stream()
                .<OperationHandler>map(provider -> {
                    try {
                        return provider.type().getConstructor(LoyaltyApi.class).newInstance(api);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(
                                provider.type() + " needs a public constructor taking a LoyaltyApi", e);
                    }
                })
                .toList();
    }

    /** The handler API Gateway would route {@code path} to, if it is one of the operations. */
    public Optional<OperationHandler> handler(String path) {
        return Optional.ofNullable(handlers.get(path));
    }

    public APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        return route(event, LocalContext.FUNCTION_TIMEOUT_MILLIS);
    }

    /** As Lambda runs a handler: with {@code remainingMillis} left before the function's timeout. */
    public APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event, int remainingMillis) {
        OperationHandler handler = handlers.get(event.getRawPath());
        Context context = new LocalContext(
                handler == null ? "NotFound" : handler.getClass().getSimpleName(), remainingMillis);
        return handler == null ? api.notFound(context.getAwsRequestId()) : handler.handle(event, context);
    }
}
