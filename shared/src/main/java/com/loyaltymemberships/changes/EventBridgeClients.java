package com.loyaltymemberships.changes;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/** How the consumer builds its EventBridge client: once per JVM, region and HTTP client explicit, as for DynamoDB. */
public final class EventBridgeClients {

    /** A PutEvents call, the SDK's retries (throttling, 5xx) included, gives up after this. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private EventBridgeClients() {}

    /** @param endpoint an EventBridge other than AWS's (moto, LocalStack), which gets placeholder credentials */
    public static EventBridgeClient create(String region, Optional<URI> endpoint) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.credentialsProvider(
                        endpoint.isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null
                                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                                : DefaultCredentialsProvider.builder().build())
                .build();
    }
}
