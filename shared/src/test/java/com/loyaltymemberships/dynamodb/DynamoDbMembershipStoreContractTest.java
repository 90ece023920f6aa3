package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.membership.MembershipStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link MembershipRepository} keeps the {@link com.loyaltymemberships.membership.MembershipStore} contract on a real engine. */
@ExtendWith(DynamoDbEngineExtension.class)
class DynamoDbMembershipStoreContractTest extends MembershipStoreContract {

    private final DynamoDbTables tables;

    DynamoDbMembershipStoreContractTest(DynamoDbClient dynamo) {
        this.tables = ContractTable.on(dynamo);
    }

    @Override
    protected Stores stores() {
        WriteRecovery recovery = ContractTable.recovery(tables);
        return new Stores(
                new MembershipRepository(tables, new Fanout(4), recovery, ContractTable.quietLog()),
                new IdempotencyRepository(tables, recovery));
    }
}
