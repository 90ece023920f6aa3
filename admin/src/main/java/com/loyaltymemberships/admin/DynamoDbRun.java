package com.loyaltymemberships.admin;

import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.pipeline.Settings;
import java.io.PrintStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A command's work on the table the options name, through the client the service builds ({@link DynamoDbClients}),
 * with DynamoDB's failures reported alike by every command: exit status 1, and one line that says what failed.
 */
final class DynamoDbRun {

    /** What a command does with DynamoDB once its arguments are known to be good; returns the exit status. */
    @FunctionalInterface
    interface Work {
        int run(DynamoDbClient dynamoDb);
    }

    private DynamoDbRun() {}

    /** {@code missingTable} ends the message for a table that does not exist: what the command's user can do. */
    static int run(Settings settings, PrintStream err, String missingTable, Work work) {
        try (DynamoDbClient dynamoDb = DynamoDbClients.create(settings.region(), settings.dynamoDbEndpoint())) {
            return work.run(dynamoDb);
        } catch (ResourceNotFoundException e) {
            err.println("Table " + settings.tableName() + " not found in " + settings.region()
                    + settings.dynamoDbEndpoint()
                            .map(endpoint -> " at " + endpoint)
                            .orElse("") + ": " + missingTable);
            return AdminCli.FAILED;
        } catch (SdkException | IllegalStateException e) {
            err.println("DynamoDB request failed: " + firstLine(e.getMessage()));
            return AdminCli.FAILED;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse("(no message)");
    }
}
