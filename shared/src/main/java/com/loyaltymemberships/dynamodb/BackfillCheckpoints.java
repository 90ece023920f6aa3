package com.loyaltymemberships.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where each scan segment of an unfinished key backfill stands, kept in the table itself, one item per segment:
 * {@code PK = BACKFILL#keys}, {@code SK = SEGMENT#n}, with {@code Segments} (how many the scan is cut into: a scan
 * resumes only with the same number), {@code ResumeAt} (the scan's LastEvaluatedKey after the segment's last finished
 * page; absent before the first) and {@code Done}. In the table, a backfill that stopped (Ctrl-C, a lost machine, a
 * limit) resumes from any machine with access to it, and anyone can see how far it got. The items have no index key,
 * so no index holds them, and a backfill that finishes deletes them: the next one starts from the beginning.
 */
final class BackfillCheckpoints {

    static final String PARTITION = "BACKFILL#keys";
    private static final String SEGMENTS = "Segments";
    private static final String RESUME_AT = "ResumeAt";
    private static final String DONE = "Done";

    /** One segment's place: done, or resuming after {@code resumeAt} (from the start when empty). */
    record Checkpoint(int segments, Optional<Map<String, AttributeValue>> resumeAt, boolean done) {}

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    BackfillCheckpoints(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** The checkpoints of an unfinished backfill, by segment; empty when none is unfinished. */
    Map<Integer, Checkpoint> load() {
        Map<Integer, Checkpoint> checkpoints = new HashMap<>();
        for (Map<String, AttributeValue> item : items()) {
            Optional<Map<String, AttributeValue>> resumeAt =
                    Optional.ofNullable(item.get(RESUME_AT)).map(AttributeValue::m);
            checkpoints.put(
                    segment(item),
                    new Checkpoint(
                            Integer.parseInt(item.get(SEGMENTS).n()),
                            resumeAt,
                            Boolean.TRUE.equals(item.get(DONE).bool())));
        }
        return checkpoints;
    }

    /** Segment {@code segment} of {@code segments} has finished a page: it resumes after {@code resumeAt}, or is done. */
    void save(int segment, int segments, Optional<Map<String, AttributeValue>> resumeAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(segment));
        item.put(SEGMENTS, AttributeValue.fromN(Integer.toString(segments)));
        item.put(DONE, AttributeValue.fromBool(resumeAt.isEmpty()));
        item.put("UpdatedUtc", AttributeValue.fromS(Instant.now().toString()));
        resumeAt.ifPresent(key -> item.put(RESUME_AT, AttributeValue.fromM(key)));
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }

    /** Forgets every checkpoint: the next backfill starts from the beginning. */
    void clear() {
        for (Map<String, AttributeValue> item : items()) {
            dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(segment(item))));
        }
    }

    private List<Map<String, AttributeValue>> items() {
        // A few dozen small items at most: one page. Consistent, so a run sees what the run before it wrote.
        return dynamoDb.query(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TableDefinition.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PARTITION))))
                .items();
    }

    private static int segment(Map<String, AttributeValue> item) {
        return Integer.parseInt(item.get(TableDefinition.SK).s().substring("SEGMENT#".length()));
    }

    private static Map<String, AttributeValue> key(int segment) {
        return Map.of(
                TableDefinition.PK, AttributeValue.fromS(PARTITION),
                TableDefinition.SK, AttributeValue.fromS("SEGMENT#" + segment));
    }
}
