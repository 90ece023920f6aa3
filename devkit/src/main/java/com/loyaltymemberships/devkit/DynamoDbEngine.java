package com.loyaltymemberships.devkit;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A real DynamoDB engine for local runs and tests: one that is already running, or one this class starts and
 * {@link #close() stops}.
 *
 * <p>{@link #start()} chooses, in this order:
 * <ol>
 *   <li>{@code DYNAMODB_ENDPOINT} set: that endpoint, starting nothing;</li>
 *   <li>a Docker engine answers: LocalStack {@value #LOCALSTACK_VERSION} in a container (Testcontainers);</li>
 *   <li>moto with its server installed ({@code moto_server} on PATH, or {@code python3 -m moto.server}): moto's
 *       server in a process on a free loopback port, serialized: it runs one request at a time, as DynamoDB isolates
 *       transactions and conditional writes and moto_server alone does not;</li>
 *   <li>otherwise it throws {@link EngineUnavailableException} saying what to install or set.</li>
 * </ol>
 * {@code DYNAMODB_ENGINE=endpoint|localstack|moto} forces one choice (and fails if it is not available).
 * Both settings are read from the system property of that name, else from the environment variable.
 *
 * <p>Every client from {@link #newClient()} shares one {@link AwsLimitsInterceptor}, {@link #limits()}, so tests can
 * see the AWS limits a request broke even when the code under test swallowed the error.
 */
public final class DynamoDbEngine implements AutoCloseable {
    public static final String ENDPOINT_SETTING = "DYNAMODB_ENDPOINT";
    public static final String ENGINE_SETTING = "DYNAMODB_ENGINE";
    static final String LOCALSTACK_VERSION = "4.14.0";

    private static final String INSTALL_HINT = "Install Docker (then LocalStack " + LOCALSTACK_VERSION
            + " runs in a container), or install moto with its server (pip install 'moto[server]'), or set "
            + ENDPOINT_SETTING + " to the URL of a running DynamoDB-compatible endpoint.";

    private final URI endpoint;
    private final String description;
    private final Runnable stop;
    private final AwsLimitsInterceptor limits = new AwsLimitsInterceptor();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbEngine(URI endpoint, String description, Runnable stop) {
        this.endpoint = endpoint;
        this.description = description;
        this.stop = stop;
    }

    /** Uses or starts an engine as the class documentation describes. */
    public static DynamoDbEngine start() {
        return start(DynamoDbEngine::setting);
    }

    /** Starts LocalStack {@value #LOCALSTACK_VERSION} in Docker. */
    public static DynamoDbEngine startLocalStack() {
        return startLocalStack(DynamoDbEngine::setting);
    }

    /** Starts moto's server, serialized (see the class documentation). */
    public static DynamoDbEngine startMoto() {
        return startMoto(DynamoDbEngine::setting);
    }

    /** {@link #start()} with the settings (system properties, then environment variables) read through a function. */
    static DynamoDbEngine start(UnaryOperator<String> settings) {
        String forced = settings.apply(ENGINE_SETTING);
        if (forced != null) {
            switch (forced.trim().toLowerCase(Locale.ROOT)) {
                case "endpoint":
                    return external(settings)
                            .orElseThrow(() -> new EngineUnavailableException(
                                    ENGINE_SETTING + "=endpoint but " + ENDPOINT_SETTING + " is not set."));
                case "localstack":
                    return startLocalStack(settings);
                case "moto":
                    return startMoto(settings);
                default:
                    throw new IllegalArgumentException(ENGINE_SETTING + " is '" + forced
                            + "'; use endpoint, localstack or moto, or leave it unset to choose automatically.");
            }
        }
        Optional<DynamoDbEngine> external = external(settings);
        if (external.isPresent()) {
            return external.get();
        }
        if (Docker.answers(settings)) {
            return startLocalStack(settings);
        }
        return MotoServer.python(settings)
                .map(DynamoDbEngine::runMoto)
                .orElseThrow(() -> new EngineUnavailableException("No DynamoDB engine: no " + ENDPOINT_SETTING
                        + ", no Docker engine answers, and moto's server is not installed. " + INSTALL_HINT));
    }

    private static Optional<DynamoDbEngine> external(UnaryOperator<String> settings) {
        String value = settings.apply(ENDPOINT_SETTING);
        if (value == null) {
            return Optional.empty();
        }
        URI endpoint = URI.create(value.trim());
        if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException(
                    ENDPOINT_SETTING + " must be an http(s) URL such as http://127.0.0.1:8000, not '" + value + "'.");
        }
        return Optional.of(new DynamoDbEngine(endpoint, ENDPOINT_SETTING + " " + endpoint, () -> {}));
    }

    private static DynamoDbEngine startLocalStack(UnaryOperator<String> settings) {
        if (!Docker.answers(settings)) {
            throw new EngineUnavailableException("LocalStack needs a Docker engine and none answers. " + INSTALL_HINT);
        }
        LocalStackContainer container =
                new LocalStackContainer(DockerImageName.parse("localstack/localstack:" + LOCALSTACK_VERSION));
        container.start();
        return new DynamoDbEngine(
                container.getEndpoint(), "LocalStack " + LOCALSTACK_VERSION + " (Docker)", container::stop);
    }

    private static DynamoDbEngine startMoto(UnaryOperator<String> settings) {
        return MotoServer.python(settings)
                .map(DynamoDbEngine::runMoto)
                .orElseThrow(() -> new EngineUnavailableException(
                        "moto's server is not installed: neither moto_server on PATH nor python3 -m moto.server. "
                                + INSTALL_HINT));
    }

    private static DynamoDbEngine runMoto(String python) {
        MotoServer server = MotoServer.start(python);
        return new DynamoDbEngine(server.endpoint(), server.description(), server::stop);
    }

    /** The system property of that name if set, else the environment variable; blank counts as unset. */
    static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** What runs where, e.g. {@code moto_server 5.2.1 on http://127.0.0.1:41234 (serialized)}, for logs. */
    public String description() {
        return description;
    }

    /** The interceptor shared by every client from {@link #newClient()}. */
    public AwsLimitsInterceptor limits() {
        return limits;
    }

    /**
     * A new client for this engine (the caller closes it): region us-east-1, static credentials test/test, the
     * URL-connection HTTP client, {@link #limits()}, then {@code more} interceptors (fault injection, counting).
     */
    public DynamoDbClient newClient(ExecutionInterceptor... more) {
        if (closed.get()) {
            throw new IllegalStateException("The engine " + description + " is closed");
        }
        return engineClient(DynamoDbClient.builder())
                .overrideConfiguration(configuration -> {
                    configuration.addExecutionInterceptor(limits);
                    for (ExecutionInterceptor interceptor : more) {
                        configuration.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    /** A new client of this engine's DynamoDB Streams (the caller closes it), configured as {@link #newClient}'s. */
    public DynamoDbStreamsClient newStreamsClient() {
        return engineClient(DynamoDbStreamsClient.builder()).build();
    }

    /** A client of any service this engine serves: its endpoint, region us-east-1, test credentials, URL connections. */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B engineClient(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /** Stops what this engine started (nothing for {@code DYNAMODB_ENDPOINT}); later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop.run();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
