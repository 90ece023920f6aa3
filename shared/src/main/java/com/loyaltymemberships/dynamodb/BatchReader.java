package com.loyaltymemberships.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Strongly consistent reads of many items by key: BatchGetItem in chunks of 100 keys (the AWS limit),
 * chunks side by side, unprocessed keys retried with backoff.
 */
final class BatchReader {

    static final int MAX_KEYS = 100;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Fanout fanout;

    BatchReader(DynamoDbClient dynamoDb, String tableName, Fanout fanout) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.fanout = fanout;
    }

    /** The items that exist among {@code keys} (which must be distinct), in no particular order. */
    List<Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys) {
        List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS)));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
        fanout.map(chunks, this::readChunk).forEach(items::addAll);
        return items;
    }

    private List<Map<String, AttributeValue>> readChunk(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
        Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; ; attempt++) {
            Map<String, KeysAndAttributes> pending = request;
            BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
            items.addAll(response.responses().getOrDefault(tableName, List.of()));
            if (!response.hasUnprocessedKeys() || response.unprocessedKeys().isEmpty()) {
                return items;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("BatchGetItem left keys unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            request = response.unprocessedKeys();
            Backoff.pause(attempt);
        }
    }
}
