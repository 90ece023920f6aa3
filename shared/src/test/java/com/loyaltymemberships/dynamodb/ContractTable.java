package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.logging.JsonLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One table on the test engine for the DynamoDB side of the port contracts, made once per JVM with the service's own
 * definition ({@link TableDefinition#createIfMissing}); the contracts isolate their tests by random chains, tokens and
 * keys, so they share it.
 */
final class ContractTable {

    private static DynamoDbTables tables;

    private ContractTable() {}

    static synchronized DynamoDbTables on(DynamoDbClient dynamo) {
        if (tables == null) {
            String name = TableNames.unique("port-contracts");
            TableDefinition.createIfMissing(dynamo, name);
            tables = new DynamoDbTables(dynamo, name);
        }
        return tables;
    }

    static WriteRecovery recovery(DynamoDbTables tables) {
        return new WriteRecovery(tables, Clock.systemUTC(), quietLog());
    }

    static JsonLog quietLog() {
        return new JsonLog(
                new JsonCodec().factory(), new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    }
}
