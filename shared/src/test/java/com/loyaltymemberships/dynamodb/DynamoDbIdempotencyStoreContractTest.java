package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.idempotency.IdempotencyStore;
import com.loyaltymemberships.idempotency.IdempotencyStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link IdempotencyRepository} keeps the {@link IdempotencyStore} contract on a real engine. */
@ExtendWith(DynamoDbEngineExtension.class)
class DynamoDbIdempotencyStoreContractTest extends IdempotencyStoreContract {

    private final DynamoDbTables tables;

    DynamoDbIdempotencyStoreContractTest(DynamoDbClient dynamo) {
        this.tables = ContractTable.on(dynamo);
    }

    @Override
    protected IdempotencyStore store() {
        return new IdempotencyRepository(tables, ContractTable.recovery(tables));
    }
}
