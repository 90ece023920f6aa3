package com.loyaltymemberships.ratelimit;

import com.loyaltymemberships.api.ApiException;
import com.loyaltymemberships.dynamodb.TableDefinition;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * SPEC §9: at most {@code limit} requests per access token in any sliding window of
 * {@code windowSeconds}, shared by every Lambda instance, so the counts live in DynamoDB.
 *
 * <p>One counter item per token and second ({@code RATE#{hash}} / epoch second), incremented
 * atomically; the window is the sum of the last {@code windowSeconds + 1} seconds (the current second
 * included, so a request is remembered for at least the whole window and the limit holds for every real
 * window). Two requests per call: the UpdateItem that counts this request and one strongly consistent
 * Query of the earlier seconds. Counters expire through the table's TTL. Every request with a valid
 * token counts, including the ones refused here.
 */
public final class RateLimiter {

    private static final String COUNT = "Count";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int limit;
    private final int windowSeconds;
    private final Clock clock;

    public RateLimiter(DynamoDbClient dynamoDb, String tableName, int limit, int windowSeconds, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
    }

    /** Counts one request of this token; a 429 with Retry-After when the window is full. */
    public void admit(String accessTokenHash) {
        long now = clock.millis() / 1000;
        String partition = "RATE#" + accessTokenHash;
        long current = increment(partition, now);
        long[] earlier = earlierCounts(partition, now);
        long total = current;
        for (long count : earlier) {
            total += count;
        }
        if (total > limit) {
            throw ApiException.tooManyRequests(retryAfter(earlier, current), limit, windowSeconds);
        }
    }

    private long increment(String partition, long second) {
        Map<String, AttributeValue> attributes = dynamoDb.updateItem(b -> b.tableName(tableName)
                .key(key(partition, second))
                .updateExpression("ADD #count :one SET #expires = :expires")
                .expressionAttributeNames(Map.of("#count", COUNT, "#expires", TableDefinition.EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":one", AttributeValue.fromN("1"),
                        ":expires", AttributeValue.fromN(Long.toString(second + 2L * windowSeconds + 60))))
                .returnValues("UPDATED_NEW")).attributes();
        return Long.parseLong(attributes.get(COUNT).n());
    }

    /** counts[k] = requests in second {@code now - 1 - k}, for the {@code windowSeconds} seconds before now. */
    private long[] earlierCounts(String partition, long now) {
        long[] counts = new long[windowSeconds];
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(partition));
        values.put(":from", AttributeValue.fromS(second(now - windowSeconds)));
        values.put(":to", AttributeValue.fromS(second(now - 1)));
        for (QueryResponse page : dynamoDb.queryPaginator(b -> b.tableName(tableName).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                .expressionAttributeValues(values))) {
            for (Map<String, AttributeValue> item : page.items()) {
                long second = Long.parseLong(item.get(TableDefinition.SK).s());
                counts[(int) (now - 1 - second)] = Long.parseLong(item.get(COUNT).n());
            }
        }
        return counts;
    }

    /**
     * Whole seconds until a request would be admitted: the first {@code r} for which the requests
     * still inside the window at {@code now + r} number fewer than the limit.
     */
    private long retryAfter(long[] earlier, long current) {
        for (int r = 1; r <= windowSeconds; r++) {
            // At now + r the window keeps seconds now + r - windowSeconds .. now: earlier[0 .. windowSeconds - r - 1] and current.
            long remaining = current;
            for (int k = 0; k < windowSeconds - r; k++) {
                remaining += earlier[k];
            }
            if (remaining < limit) {
                return r;
            }
        }
        return windowSeconds + 1L;
    }

    private static Map<String, AttributeValue> key(String partition, long second) {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(partition), TableDefinition.SK, AttributeValue.fromS(second(second)));
    }

    /** Fixed width so that string order is time order. */
    private static String second(long epochSecond) {
        return String.format("%011d", epochSecond);
    }
}
