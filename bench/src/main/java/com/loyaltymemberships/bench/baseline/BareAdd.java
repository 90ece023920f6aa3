package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Baseline of add for events/add.json: one TransactWriteItems that puts one membership item of the stored shape
 * if absent, as add's own write. The URL-connection client.
 */
public final class BareAdd extends BareHandler {

    /** A chain that no token names: the baseline's items stay out of every listing of the service. */
    private static final String BENCH_CHAIN = "00000000-0000-4000-8000-00000000bec0";

    public BareAdd() {
        super(UrlConnectionHttpClient.create());
    }

    @Override
    protected String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event) {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("BARE#" + id));
        item.put("SK", AttributeValue.fromS("MEMBERSHIP"));
        item.put("Id", AttributeValue.fromS(id));
        item.put("ChainId", AttributeValue.fromS(BENCH_CHAIN));
        item.put("AccountId", AttributeValue.fromS("fadd5bb6-b428-45d5-94f8-fd0d89fece6d"));
        item.put("LoyaltyProgramId", AttributeValue.fromS("f701dafb-5765-4cf4-b1dd-1f602a740ae5"));
        item.put("State", AttributeValue.fromS("Enrolled"));
        item.put("IsPrimary", AttributeValue.fromBool(false));
        item.put("MembershipNumber", AttributeValue.fromS("MBR-2025-AX49ZT73"));
        item.put("Points", AttributeValue.fromN("22"));
        item.put("ExpirationDate", AttributeValue.fromS("2029-12-24T00:00:00Z"));
        item.put("Url", AttributeValue.fromS("https://rewards.example.com/member/PRV-MBR-9842XKLT"));
        item.put("CreatedUtc", AttributeValue.fromS(now));
        item.put("UpdatedUtc", AttributeValue.fromS(now));
        item.put("Version", AttributeValue.fromN("1"));
        // Index entries as a membership has them (so the engine does the same work), in a chain no token names.
        String list = BENCH_CHAIN + "#A";
        item.put("ListKey", AttributeValue.fromS(list));
        item.put("UpdatedKey", AttributeValue.fromS(now + "#" + id));
        item.put("AccountKey", AttributeValue.fromS(list + "#fadd5bb6-b428-45d5-94f8-fd0d89fece6d"));
        item.put("ProgramKey", AttributeValue.fromS(list + "#f701dafb-5765-4cf4-b1dd-1f602a740ae5"));
        item.put("StateKey", AttributeValue.fromS(list + "#Enrolled"));
        item.put("NumberKey", AttributeValue.fromS(list + "#MBR-2025-AX49ZT73"));
        dynamoDb.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(TABLE)
                        .item(item)
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build()));
        return "{\"LoyaltyMemberships\":[{\"Id\":\"" + id + "\"}]}";
    }
}
