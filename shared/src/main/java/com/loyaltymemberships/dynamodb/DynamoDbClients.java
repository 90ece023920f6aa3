package com.loyaltymemberships.dynamodb;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** How the service builds its DynamoDB client: once per JVM, with region and HTTP client explicit. */
public final class DynamoDbClients {

    private DynamoDbClients() {}

    /**
     * The URL-connection HTTP client (the lightest to start), the default credentials chain (SnapStart-safe),
     * and an endpoint override for local engines, which get placeholder credentials unless real ones are in
     * the environment.
     */
    public static DynamoDbClient create(String region, Optional<URI> endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(builder::endpointOverride);
        AwsCredentialsProvider credentials = endpoint.isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        return builder.credentialsProvider(credentials).build();
    }
}
