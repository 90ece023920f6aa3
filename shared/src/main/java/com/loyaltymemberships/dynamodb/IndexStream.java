package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.Membership;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One index partition read newest first, a page at a time, only as far as the caller asks. Sort-key
 * bounds come from the getAll time filters and from the cursor, so nothing before the cursor or
 * outside the interval is read.
 */
final class IndexStream {

    private final DynamoDbClient dynamoDb;
    private final QueryRequest first;
    private final ArrayDeque<Membership> buffer = new ArrayDeque<>();
    private Map<String, AttributeValue> nextStart;
    private boolean exhausted;

    /**
     * @param lower  inclusive lower bound of the sort key, if any
     * @param upper  exclusive upper bound of the sort key, if any (a key equal to it may still be
     *               returned when both bounds are given, as BETWEEN is inclusive; callers filter it)
     */
    IndexStream(DynamoDbClient dynamoDb, String tableName, Index index, String partition,
                Optional<String> lower, Optional<String> upper, int pageSize) {
        this.dynamoDb = dynamoDb;
        Map<String, String> names = new HashMap<>(Map.of("#pk", index.partitionKey()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(partition)));
        String condition = "#pk = :pk";
        if (lower.isPresent() || upper.isPresent()) {
            names.put("#sk", index.sortKey());
            lower.ifPresent(v -> values.put(":lo", AttributeValue.fromS(v)));
            upper.ifPresent(v -> values.put(":hi", AttributeValue.fromS(v)));
            condition += lower.isPresent() && upper.isPresent() ? " AND #sk BETWEEN :lo AND :hi"
                    : lower.isPresent() ? " AND #sk >= :lo" : " AND #sk < :hi";
        }
        this.first = QueryRequest.builder()
                .tableName(tableName)
                .indexName(index.indexName())
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(pageSize)
                .build();
    }

    /** The next membership without taking it, fetching a page when the buffer is empty. */
    Optional<Membership> peek() {
        while (buffer.isEmpty() && !exhausted) {
            fetch();
        }
        return Optional.ofNullable(buffer.peekFirst());
    }

    Membership take() {
        return peek().map(m -> buffer.removeFirst()).orElseThrow();
    }

    private void fetch() {
        QueryRequest request = nextStart == null ? first : first.toBuilder().exclusiveStartKey(nextStart).build();
        QueryResponse response = dynamoDb.query(request);
        response.items().forEach(item -> buffer.addLast(MembershipItems.fromItem(item)));
        nextStart = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        exhausted = nextStart == null;
    }
}
