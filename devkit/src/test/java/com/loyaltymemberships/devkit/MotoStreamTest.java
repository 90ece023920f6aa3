package com.loyaltymemberships.devkit;

import static com.loyaltymemberships.devkit.TestTables.key;
import static com.loyaltymemberships.devkit.TestTables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The moto engine's change stream records what DynamoDB's does: a committed transaction's writes, and nothing of a
 * cancelled one (moto itself records the actions it applied before the one that failed, and its rollback's puts).
 */
class MotoStreamTest {

    private static DynamoDbEngine engine;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void startMoto() {
        engine = DynamoDbEngine.startMoto();
        dynamo = engine.newClient();
        streams = engine.newStreamsClient();
    }

    @AfterAll
    static void stopMoto() {
        streams.close();
        dynamo.close();
        engine.close();
    }

    private static TransactWriteItem put(String table, String pk, String condition) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, "S"));
        item.put("V", s("1"));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression(condition)
                        .build())
                .build();
    }

    private static List<String> recorded(String table) {
        String arn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        String shard = streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        String iterator = streams.getShardIterator(
                        r -> r.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return streams.getRecords(r -> r.shardIterator(iterator)).records().stream()
                .map(r -> r.eventNameAsString() + " "
                        + r.dynamodb().keys().get("PK").s())
                .toList();
    }

    @Test
    void aCancelledTransactionLeavesNothingInTheStream() {
        String table = TestTables.create(dynamo, "stream");
        dynamo.updateTable(r -> r.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        dynamo.transactWriteItems(r -> r.transactItems(put(table, "a", "attribute_not_exists(PK)")));
        // b is new and would be applied first; a exists, so the transaction is cancelled.
        assertThrows(
                TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(
                        put(table, "b", "attribute_not_exists(PK)"), put(table, "a", "attribute_not_exists(PK)"))));
        assertEquals(List.of("INSERT a"), recorded(table));
    }
}
