package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Baseline of getAll for events/getAll.json, which names two memberships by Id: one strongly consistent
 * BatchGetItem of those two keys, as getAll's own read. The URL-connection client.
 */
public class BareGetAll extends BareHandler {

    static final List<String> IDS =
            List.of("905a4489-0960-4ac9-96ec-793f47365c92", "ac48674e-58a2-43d6-a02b-9ead0b213b17");

    public BareGetAll() {
        this(UrlConnectionHttpClient.create());
    }

    protected BareGetAll(SdkHttpClient httpClient) {
        super(httpClient);
    }

    protected BareGetAll(DynamoDbClient dynamoDb) {
        super(dynamoDb);
    }

    @Override
    protected String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event) {
        List<Map<String, AttributeValue>> keys = IDS.stream()
                .map(id -> Map.of(
                        "PK", AttributeValue.fromS("MEMBERSHIP#" + id), "SK", AttributeValue.fromS("MEMBERSHIP")))
                .toList();
        dynamoDb.batchGetItem(b -> b.requestItems(Map.of(
                TABLE,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        return "{\"LoyaltyMemberships\":[],\"Cursor\":null}";
    }
}
