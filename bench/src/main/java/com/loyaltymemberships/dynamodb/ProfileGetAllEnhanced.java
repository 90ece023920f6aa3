package com.loyaltymemberships.dynamodb;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.loyaltymemberships.bench.baseline.BareGetAll;
import com.loyaltymemberships.membership.Membership;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Profile: {@link BareGetAll} with its BatchGetItem made as the service makes it, through the Enhanced Client: the
 * service's DynamoDbTables (the Enhanced Client; of the item schemas, the membership's, as a getAll builds) and the
 * membership schema mapping the answer.
 * In the service's package (same class loader, same runtime package) to reach its package-private tables; bench only.
 */
public final class ProfileGetAllEnhanced extends BareGetAll {

    @Override
    protected String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event) {
        DynamoDbTables tables = new DynamoDbTables(dynamoDb, TABLE);
        ReadBatch.Builder<Membership> batch =
                ReadBatch.builder(Membership.class).mappedTableResource(tables.memberships());
        for (String id : List.of("905a4489-0960-4ac9-96ec-793f47365c92", "ac48674e-58a2-43d6-a02b-9ead0b213b17")) {
            batch.addGetItem(
                    g -> g.key(MembershipTable.key(UUID.fromString(id))).consistentRead(true));
        }
        tables.enhanced
                .batchGetItem(r -> r.readBatches(batch.build()))
                .resultsForTable(tables.memberships())
                .forEach(m -> {});
        return "{\"LoyaltyMemberships\":[],\"Cursor\":null}";
    }
}
