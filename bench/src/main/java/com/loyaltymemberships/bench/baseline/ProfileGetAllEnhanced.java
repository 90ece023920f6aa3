package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.MembershipRepository;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Profile: {@link BareGetAll} with its BatchGetItem made as the service makes it, through the Enhanced Client: the
 * service's DynamoDbTables (the Enhanced Client; of the item schemas, the membership's, as a getAll builds) and the
 * membership schema mapping the answer ({@link MembershipRepository#getManyForProfile}: the repository's read by Ids,
 * without the rest of the repository).
 */
public final class ProfileGetAllEnhanced extends BareGetAll {

    @Override
    protected String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event) {
        MembershipRepository.getManyForProfile(
                new DynamoDbTables(dynamoDb, TABLE),
                IDS.stream().map(UUID::fromString).toList());
        return "{\"LoyaltyMemberships\":[],\"Cursor\":null}";
    }
}
