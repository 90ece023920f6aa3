package com.loyaltymemberships.acceptance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything a table holds, every item with every attribute, as sorted text: two snapshots are equal exactly when
 * nothing was written in between. All but the access tokens, whose rate log every authenticated request appends to,
 * by design (SPEC §9). Meant for test tables (one strongly consistent Scan).
 */
record StoreSnapshot(SortedSet<String> items) {

    static StoreSnapshot of(TestApi api) {
        return of(api.dynamoDb, api.tableName);
    }

    static StoreSnapshot of(DynamoDbClient dynamoDb, String table) {
        SortedSet<String> items = new TreeSet<>();
        dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> !item.get("PK").s().startsWith("ACCESS_TOKEN#"))
                .forEach(item -> items.add(canonical(AttributeValue.fromM(item))));
        return new StoreSnapshot(items);
    }

    int size() {
        return items.size();
    }

    /** Whether some item holds {@code text}, in a name or a value. */
    boolean mentions(String text) {
        return items.stream().anyMatch(item -> item.contains(text));
    }

    /** Fails, showing the items that differ, when {@code later} is not the same store. */
    void assertUnchanged(StoreSnapshot later, String what) {
        if (later.equals(this)) {
            return;
        }
        List<String> differences = new ArrayList<>();
        items.stream().filter(i -> !later.items.contains(i)).forEach(i -> differences.add("- " + i));
        later.items.stream().filter(i -> !items.contains(i)).forEach(i -> differences.add("+ " + i));
        throw new AssertionError(
                what + " changed the store (- before, + after):\n  " + String.join("\n  ", differences));
    }

    /** One line per value, maps in key order, so that the same data always reads the same. */
    private static String canonical(AttributeValue value) {
        return switch (value.type()) {
            case M -> {
                Map<String, String> sorted = new TreeMap<>();
                value.m().forEach((k, v) -> sorted.put(k, canonical(v)));
                yield sorted.toString();
            }
            case L -> value.l().stream().map(StoreSnapshot::canonical).toList().toString();
            case SS -> new TreeSet<>(value.ss()).toString();
            case NS -> new TreeSet<>(value.ns()).toString();
            default -> value.toString();
        };
    }
}
