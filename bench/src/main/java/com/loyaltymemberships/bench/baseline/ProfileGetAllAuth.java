package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Profile: {@link BareGetAll} plus the request of overhead (the conditional UpdateItem of authentication and rate
 * limit, on the low-level client, the demo portfolio token's item), before its BatchGetItem.
 */
public final class ProfileGetAllAuth extends BareGetAll {

    @Override
    protected String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event) {
        dynamoDb.updateItem(u -> u.tableName(TABLE)
                .key(Map.of(
                        "PK",
                        AttributeValue.fromS(
                                "ACCESS_TOKEN#e7fcd8b29db2a050c13650c2ad47a3fb32fc7f3d73ee67d4ba19d8b6fe18f456"),
                        "SK",
                        AttributeValue.fromS("TOKEN")))
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#revoked)")
                .updateExpression("SET #tat = :next REMOVE #log")
                .expressionAttributeNames(
                        Map.of("#pk", "PK", "#tat", "RateTat", "#log", "RateLog", "#revoked", "RevokedUtc"))
                .expressionAttributeValues(Map.of(
                        ":next", AttributeValue.fromN(Long.toString(System.currentTimeMillis() * 1000 + 150_000))))
                .returnValues(ReturnValue.ALL_OLD));
        return super.call(dynamoDb, event);
    }
}
