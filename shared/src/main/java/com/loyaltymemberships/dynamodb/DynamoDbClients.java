package com.loyaltymemberships.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** How the service builds its DynamoDB client: once per JVM, with region and HTTP client explicit. */
public final class DynamoDbClients {

    /** One attempt of a call gives up after this; the SDK retries it (throttling, 5xx) within {@link #CALL_TIMEOUT}. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    /** A call, its retries included, gives up after this: well inside the function's timeout (29 s). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Attempts of a call, the first included: the SDK's standard mode has 3, its DynamoDB default 9. */
    static final int MAX_ATTEMPTS = 4;
    /**
     * The pause before a retry of a throttled attempt: random up to 200 ms, 400 ms, 800 ms. Three retries sleep at most
     * 1.4 s (0.7 s on average), so a call that stays throttled ends with DynamoDB's throttling error well inside
     * {@link #CALL_TIMEOUT}, which the service answers as such (503, "busy", counted; {@link Throttling}). With the SDK's
     * DynamoDB default (500 ms base, up to 8 retries), it ran into the call timeout instead (measured: 4 attempts,
     * then ApiCallTimeoutException after 5.7 s, with no cause that says it was throttling).
     */
    static final BackoffStrategy THROTTLING_BACKOFF =
            BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1));

    static {
        // The URL-connection client keeps only 5 connections per host alive unless told otherwise (the JDK's
        // http.maxConnections): a getAll reads up to WriteShards.COUNT partitions at once, and every connection beyond
        // those kept would be a new TLS handshake.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(WriteShards.COUNT));
        }
    }

    private DynamoDbClients() {}

    /**
     * The URL-connection HTTP client (the lightest to start), the default credentials chain (SnapStart-safe),
     * the SDK's retries bounded as above (non-throttling errors keep its DynamoDB backoff), and an endpoint override
     * for local engines, which get placeholder credentials unless real ones are in the environment.
     */
    public static DynamoDbClient create(String region, Optional<URI> endpoint) {
        return create(region, endpoint, List.of());
    }

    /** {@link #create(String, Optional)} with {@code interceptors} on every call (metrics, cost accounting, tests). */
    public static DynamoDbClient create(
            String region, Optional<URI> endpoint, List<ExecutionInterceptor> interceptors) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .retryStrategy(retries ->
                                retries.maxAttempts(MAX_ATTEMPTS).throttlingBackoffStrategy(THROTTLING_BACKOFF))
                        .executionInterceptors(interceptors));
        endpoint.ifPresent(builder::endpointOverride);
        AwsCredentialsProvider credentials = endpoint.isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        return builder.credentialsProvider(credentials).build();
    }
}
