package com.loyaltymemberships.devkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Gives tests a real DynamoDB engine: one {@link DynamoDbEngine#start()} per test run, shared by every class that
 * uses this extension and closed when the run ends. Resolves parameters of type {@link DynamoDbEngine} and
 * {@link DynamoDbClient} (one shared client with the engine's {@link AwsLimitsInterceptor}). After each test it fails
 * the test if a request broke an AWS DynamoDB limit, even if the code under test caught the error; this assumes the
 * tests of one JVM run one at a time, as JUnit does by default.
 */
public final class DynamoDbEngineExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DynamoDbEngineExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Started here rather than on first use, so that a missing engine fails the class with its install hint.
        engine(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        DynamoDbEngine engine = store(context).get(DynamoDbEngine.class, DynamoDbEngine.class);
        if (engine == null) {
            return;
        }
        List<String> violations = engine.limits().violations();
        if (!violations.isEmpty()) {
            engine.limits().clear();
            throw new AssertionError("Requests broke AWS DynamoDB limits that " + engine.description()
                    + " may not enforce:\n  " + String.join("\n  ", violations));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DynamoDbEngine.class || type == DynamoDbClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() == DynamoDbEngine.class) {
            return engine(extensionContext);
        }
        return store(extensionContext)
                .getOrComputeIfAbsent(
                        DynamoDbClient.class, key -> engine(extensionContext).newClient(), DynamoDbClient.class);
    }

    /** The root store closes its AutoCloseable values (engine and client) when the whole run ends. */
    private static DynamoDbEngine engine(ExtensionContext context) {
        return store(context)
                .getOrComputeIfAbsent(DynamoDbEngine.class, key -> DynamoDbEngine.start(), DynamoDbEngine.class);
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }
}
