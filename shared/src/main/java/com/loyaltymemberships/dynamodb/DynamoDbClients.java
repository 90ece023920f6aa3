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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** How the service builds its DynamoDB client: once per JVM, with region and HTTP client explicit. */
public final class DynamoDbClients {

    /** One attempt of a call gives up after this; the SDK retries it (throttling, 5xx) within {@link #CALL_TIMEOUT}. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    /** A call, its retries included, gives up after this: well inside the function's timeout (29 s). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private DynamoDbClients() {}

    /**
     * The URL-connection HTTP client (the lightest to start), the default credentials chain (SnapStart-safe),
     * and an endpoint override for local engines, which get placeholder credentials unless real ones are in
     * the environment.
     */
    public static DynamoDbClient create(String region, Optional<URI> endpoint) {
        return create(region, endpoint, List.of());
    }

    /** {@link #create(String, Optional)} with {@code interceptors} on every call (metrics, cost accounting, tests). */
    public static DynamoDbClient create(String region, Optional<URI> endpoint, List<ExecutionInterceptor> interceptors) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT)
                        .executionInterceptors(interceptors));
        endpoint.ifPresent(builder::endpointOverride);
        AwsCredentialsProvider credentials = endpoint.isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        return builder.credentialsProvider(credentials).build();
    }
}
