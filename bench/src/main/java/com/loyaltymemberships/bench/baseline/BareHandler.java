package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The cold-start baseline: a Lambda handler that builds a DynamoDB client as the service does (region, endpoint,
 * credentials, an explicit HTTP client), makes one DynamoDB call equivalent to the operation's own, and returns a
 * fixed response. No JSON of its own, no Enhanced Client, no authentication. It lives in a jar of its own that puts
 * the function's deployment jar on its class path (see ColdStarts), so it loads the SDK from the same jar.
 *
 * <p>Subclasses choose the call and the HTTP client; each is a class of its own so that loading one never loads
 * another client's classes.
 */
public abstract class BareHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    protected static final String TABLE = System.getenv().getOrDefault("TABLE_NAME", "LoyaltyMemberships");

    private final DynamoDbClient dynamoDb;

    /** On a client of its own (see {@link BareHandler}). */
    protected BareHandler(SdkHttpClient httpClient) {
        this(client(httpClient));
    }

    /** On {@code dynamoDb}: for the profile that puts the baseline on the service's own client. */
    protected BareHandler(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    private static DynamoDbClient client(SdkHttpClient httpClient) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .httpClient(httpClient);
        String endpoint = System.getenv("DYNAMODB_ENDPOINT");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        builder.credentialsProvider(
                endpoint != null && System.getenv("AWS_ACCESS_KEY_ID") == null
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String body = call(dynamoDb, event);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json; charset=utf-8", "Request-Id", "bare"))
                .withBody(body)
                .build();
    }

    /** The one DynamoDB call, for {@link BareStreamHandler}, which has no decoded event (no call of ours reads it). */
    final String callOnce() {
        return call(dynamoDb, null);
    }

    /** The one DynamoDB call; returns the fixed response body. */
    protected abstract String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event);
}
