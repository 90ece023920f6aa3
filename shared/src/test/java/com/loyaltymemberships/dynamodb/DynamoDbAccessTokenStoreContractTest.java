package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.AccessTokenStore;
import com.loyaltymemberships.access.AccessTokenStoreContract;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link AccessTokenRepository} keeps the {@link AccessTokenStore} contract on a real engine; tokens are made by {@link TokenRepository}. */
@ExtendWith(DynamoDbEngineExtension.class)
class DynamoDbAccessTokenStoreContractTest extends AccessTokenStoreContract {

    private final DynamoDbTables tables;

    DynamoDbAccessTokenStoreContractTest(DynamoDbClient dynamo) {
        this.tables = ContractTable.on(dynamo);
    }

    @Override
    protected AccessTokenStore store() {
        return new AccessTokenRepository(tables);
    }

    @Override
    protected void create(AccessToken token) {
        assertTrue(new TokenRepository(tables).create(token));
    }

    @Override
    protected void revoke(String accessTokenHash, Instant at) {
        assertTrue(new TokenRepository(tables).revoke(TokenRepository.Kind.ACCESS, accessTokenHash, at));
    }
}
