package com.loyaltymemberships.local;

import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.pipeline.Settings;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The table of the local tools: created if missing, with the {@link DemoTokens}. */
public final class LocalTable {

    private LocalTable() {}

    /** {@code TABLE_NAME}, as the handlers read it, else their default. */
    public static String name() {
        return Settings.fromEnvironment().tableName();
    }

    /** Creates the table unless it exists, and stores the demo tokens unless they are there. */
    public static void prepare(DynamoDbClient dynamoDb, String tableName) {
        TableDefinition.createIfMissing(dynamoDb, tableName);
        DemoTokens.seed(new TokenRepository(new DynamoDbTables(dynamoDb, tableName)), Instant.now());
    }
}
