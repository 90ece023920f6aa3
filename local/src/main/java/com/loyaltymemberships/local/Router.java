package com.loyaltymemberships.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What API Gateway's routes do: each of the four paths to its own handler, anything else a 404. The handlers are
 * found as services (each function module registers its handler in META-INF/services), so this module never
 * imports a function's code, just as API Gateway knows a function only by its handler name.
 */
public final class Router {

    private final LoyaltyApi api;
    private final Map<String, OperationHandler<?, ?>> handlers = new HashMap<>();

    public Router(LoyaltyApi api) {
        this.api = api;
        Map<Operation, OperationHandler<?, ?>> byOperation = new EnumMap<>(Operation.class);
        for (OperationHandler<?, ?> handler : handlers(api)) {
            byOperation.put(handler.operation(), handler);
        }
        for (Operation operation : Operation.values()) {
            OperationHandler<?, ?> handler = byOperation.get(operation);
            if (handler == null) {
                throw new IllegalStateException("No handler for " + operation.path() + " on the class path");
            }
            handlers.put(operation.path(), handler);
        }
    }

    /** Every registered handler, built on {@code api} instead of the JVM-wide default a Lambda runtime would use. */
    @SuppressWarnings("rawtypes")
    private static Iterable<OperationHandler<?, ?>> handlers(LoyaltyApi api) {
        return ServiceLoader.load(OperationHandler.class).stream()
                .<OperationHandler<?, ?>>map(provider -> {
                    try {
                        return provider.type().getConstructor(LoyaltyApi.class).newInstance(api);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(
                                provider.type() + " needs a public constructor taking a LoyaltyApi", e);
                    }
                })
                .toList();
    }

    /** The handler API Gateway would route {@code path} to, if it is one of the four operations. */
    public Optional<OperationHandler<?, ?>> handler(String path) {
        return Optional.ofNullable(handlers.get(path));
    }

    public APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        return route(event, LocalContext.FUNCTION_TIMEOUT_MILLIS);
    }

    /** As Lambda runs a handler: with {@code remainingMillis} left before the function's timeout. */
    public APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event, int remainingMillis) {
        OperationHandler<?, ?> handler = handlers.get(event.getRawPath());
        Context context = new LocalContext(
                handler == null ? "NotFound" : handler.getClass().getSimpleName(), remainingMillis);
        return handler == null ? api.notFound(context.getAwsRequestId()) : handler.handle(event, context);
    }
}
