package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.AccessTokenStore;
import com.loyaltymemberships.access.AccessTokenStoreContract;
import com.loyaltymemberships.access.RateLimit;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.ItemSize;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    protected AccessTokenStore anotherInstance() {
        return new AccessTokenRepository(tables);
    }

    /**
     * A token written before the rate limit kept one number carries a request log of {@code limit + 1} times (about 2
     * KB): its first request under the new rule removes it in the same update, which is the only one.
     */
    @Test
    void theFirstUseRemovesTheRequestLogOfAnOlderToken() {
        AccessToken token = new AccessToken(
                "legacy-" + UUID.randomUUID(),
                "client",
                List.of(UUID.randomUUID()),
                false,
                "legacy",
                Instant.parse("2026-01-01T00:00:00Z"),
                Optional.empty());
        create(token);
        Map<String, AttributeValue> key =
                TokenItems.key(TokenRepository.Kind.ACCESS, token.hash()).primaryKeyMap(TokenItems.ACCESS);
        List<AttributeValue> log = Collections.nCopies(201, AttributeValue.fromN("1767225600000"));
        tables.dynamoDb.updateItem(u -> u.tableName(tables.tableName)
                .key(key)
                .updateExpression("SET #log = :log")
                .expressionAttributeNames(Map.of("#log", TokenItems.RATE_LOG))
                .expressionAttributeValues(Map.of(":log", AttributeValue.fromL(log))));
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        RateLimit limit = new RateLimit(200, 30);
        assertEquals(
                0,
                new AccessTokenRepository(tables)
                        .use("client", token.hash(), now, Optional.of(limit))
                        .orElseThrow()
                        .tatBefore());
        Map<String, AttributeValue> item = tables.dynamoDb
                .getItem(g -> g.tableName(tables.tableName).key(key).consistentRead(true))
                .item();
        assertFalse(item.containsKey(TokenItems.RATE_LOG), item.keySet().toString());
        assertEquals(
                Long.toString(limit.next(0, RateLimit.micros(now))),
                item.get(TokenItems.RATE_TAT).n());
        assertTrue(ItemSize.of(item) < 1024, ItemSize.of(item) + " bytes");
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
