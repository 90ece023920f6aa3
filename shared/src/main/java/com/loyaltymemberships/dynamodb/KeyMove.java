package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.membership.Membership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The one conditional UpdateItem that gives a stored membership item the key attributes the current code computes
 * from its fields ({@link MembershipItems}), touching nothing else: what the key backfill does to each item it moves.
 *
 * <p>It writes only on condition that the item still has the version that was read and that no large write holds it
 * ({@value Holds#LOCK}). A writer that got there first has written the item whole, with the current keys, and a large
 * write that holds the item will write it: either way the backfill must not write over it. The version stays as it
 * is: the membership does not change, so a writer that read it before the move still writes it (and its keys) after.
 */
final class KeyMove {

    private KeyMove() {}

    /** The update that moves {@code item}, or none when its key attributes are those the current code computes. */
    static Optional<UpdateItemRequest> of(String tableName, Map<String, AttributeValue> item) {
        Membership membership = MembershipItems.read(item);
        if (membership == null) {
            return Optional.empty(); // a tombstone ({@link PrimaryClaims}): no index key to move
        }
        Map<String, AttributeValue> wanted = MembershipItems.of(membership);
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        for (String attribute : TableDefinition.keyAttributes()) {
            AttributeValue value = wanted.get(attribute);
            if (Objects.equals(item.get(attribute), value)) {
                continue;
            }
            // The table's own keys come from the Id, which never changes: never differs for a membership item.
            String name = "#k" + names.size();
            names.put(name, attribute);
            if (value == null) {
                removes.add(name); // a sparse index's key that the membership no longer has
            } else {
                values.put(":k" + values.size(), value);
                sets.add(name + " = :k" + (values.size() - 1));
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        names.put("#version", MembershipTable.VERSION);
        names.put("#lock", Holds.LOCK);
        String unchanged;
        if (item.containsKey(MembershipTable.VERSION)) {
            values.put(":version", item.get(MembershipTable.VERSION));
            unchanged = "#version = :version";
        } else {
            unchanged = "attribute_not_exists(#version)";
        }
        String update = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ")
                + (removes.isEmpty() ? "" : "REMOVE " + String.join(", ", removes));
        return Optional.of(UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(
                        TableDefinition.PK, item.get(TableDefinition.PK),
                        TableDefinition.SK, item.get(TableDefinition.SK)))
                .updateExpression(update.strip())
                .conditionExpression(unchanged + " AND attribute_not_exists(#lock)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }
}
