package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The baseline of the change events' consumer: decoded by the runtime as ours is, it puts one event per membership
 * record (its Id as the whole detail, ten per PutEvents) on the same bus with the same client, and answers no
 * failure. No reading of the item, no membership view, no order, no retries.
 */
public final class BareChanges implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final String BUS = System.getenv("EVENT_BUS_NAME");
    private static final EventBridgeClient EVENTS = client();

    private static EventBridgeClient client() {
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .httpClient(UrlConnectionHttpClient.create());
        String endpoint = System.getenv("EVENTS_ENDPOINT");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.credentialsProvider(
                        endpoint != null && System.getenv("AWS_ACCESS_KEY_ID") == null
                                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                                : DefaultCredentialsProvider.builder().build())
                .build();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (record.getDynamodb().getNewImage() == null) {
                continue;
            }
            entries.add(PutEventsRequestEntry.builder()
                    .eventBusName(BUS)
                    .source("loyalty-memberships")
                    .detailType("LoyaltyMembershipChanged")
                    .detail("{\"Id\":\""
                            + record.getDynamodb().getNewImage().get("Id").getS() + "\"}")
                    .build());
        }
        for (int from = 0; from < entries.size(); from += 10) {
            List<PutEventsRequestEntry> call = entries.subList(from, Math.min(entries.size(), from + 10));
            EVENTS.putEvents(r -> r.entries(call));
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
