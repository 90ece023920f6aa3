package com.loyaltymemberships.acceptance;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Every item of a table, byte for byte (attributes in name order, items in key order), except the access tokens, whose
 * request logs change with every request. Two equal snapshots are two identical stores.
 */
final class StoreSnapshot {

    private StoreSnapshot() {}

    static String of(DynamoDbClient dynamoDb, String table) {
        Map<String, String> items = new TreeMap<>();
        dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items().forEach(item -> {
            String key = item.get("PK").s() + "|" + item.get("SK").s();
            if (!key.startsWith("ACCESS_TOKEN#")) {
                items.put(key, new TreeMap<String, AttributeValue>(item).toString());
            }
        });
        StringBuilder all = new StringBuilder();
        items.forEach((key, item) -> all.append(item).append('\n'));
        return all.toString();
    }
}
