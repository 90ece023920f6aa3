package com.loyaltymemberships.local;

import com.loyaltymemberships.config.Settings;
import com.loyaltymemberships.dynamodb.Fanout;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TokenRepository;
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
        DemoTokens.seed(new TokenRepository(dynamoDb, tableName, new Fanout(1)), Instant.now());
    }
}
