package com.loyaltymemberships.devkit;

import static com.loyaltymemberships.devkit.TestTables.key;
import static com.loyaltymemberships.devkit.TestTables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs only where a Docker engine answers; skipped elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackEngineTest {
    @Test
    void localStackServesTables() {
        try (DynamoDbEngine engine = DynamoDbEngine.startLocalStack();
                DynamoDbClient dynamo = engine.newClient()) {
            assertEquals("LocalStack 4.14.0 (Docker)", engine.description());
            String table = TestTables.create(dynamo, "localstack");
            Map<String, AttributeValue> item = new HashMap<>(key("p", "s"));
            item.put("name", s("Ada"));
            dynamo.putItem(request -> request.tableName(table).item(item));

            assertEquals(
                    item,
                    dynamo.getItem(request -> request.tableName(table).key(key("p", "s")))
                            .item());
        }
    }
}
