package com.loyaltymemberships.dynamodb;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One index partition's entries (keys only, {@link IndexEntry}) read newest first, only as far as the caller asks: each
 * {@link #fetch} is one Query of as many entries as the caller expects to use, resumed where the last one stopped. Sort-key bounds come from the getAll time
 * filters and from the cursor, so nothing before the cursor or outside the interval is read.
 */
final class IndexStream implements EntryMerge.Partition<IndexEntry> {

    /** The shard of a stream on an index that is not sharded. */
    static final int UNSHARDED = -1;

    private final DynamoDbIndex<IndexEntry> index;
    private final String partition;
    private final int shard;
    private final Optional<String> upper;
    private final QueryConditional condition;
    private final ArrayDeque<IndexEntry> buffer = new ArrayDeque<>();
    private Map<String, AttributeValue> resumeAt = Map.of();
    private boolean readToEnd;
    private boolean readOneOfAnotherShard;

    /**
     * @param shard the write shard {@code partition} belongs to, or {@link #UNSHARDED}
     * @param lower inclusive lower bound of the sort key, if any
     * @param upper inclusive upper bound of the sort key, if any: a time bound equals no key, and the cursor's own
     *              entry is meant to come back (the page reports it and never lists it)
     */
    IndexStream(
            DynamoDbIndex<IndexEntry> index,
            String partition,
            int shard,
            Optional<String> lower,
            Optional<String> upper) {
        this.index = index;
        this.partition = partition;
        this.shard = shard;
        this.upper = upper;
        this.condition = condition(partition, lower, upper);
    }

    /** The same partition and upper bound, read anew from {@code lower} up. */
    IndexStream again(Optional<String> lower) {
        return new IndexStream(index, partition, shard, lower, upper);
    }

    int shard() {
        return shard;
    }

    private static QueryConditional condition(String partition, Optional<String> lower, Optional<String> upper) {
        if (lower.isPresent() && upper.isPresent()) {
            return QueryConditional.sortBetween(key(partition, lower.get()), key(partition, upper.get()));
        }
        if (lower.isPresent()) {
            return QueryConditional.sortGreaterThanOrEqualTo(key(partition, lower.get()));
        }
        return upper.map(u -> QueryConditional.sortLessThanOrEqualTo(key(partition, u)))
                .orElseGet(() -> QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(partition).build()));
    }

    private static Key key(String partition, String sort) {
        return Key.builder().partitionValue(partition).sortValue(sort).build();
    }

    /**
     * Reads up to {@code limit} more entries, one Query, unless the partition has been read to its end; another if a
     * Query found none but did not reach the end (DynamoDB may stop a Query early), so that afterwards the stream has
     * a head or is done: a merge must never drop a partition that still has entries.
     */
    @Override
    public void fetch(int limit) {
        int before = buffer.size();
        while (!readToEnd && buffer.size() == before) {
            QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                    .queryConditional(condition)
                    .scanIndexForward(false)
                    .limit(limit);
            if (!resumeAt.isEmpty()) {
                request.exclusiveStartKey(resumeAt);
            }
            Page<IndexEntry> page = index.query(request.build()).iterator().next();
            buffer.addAll(page.items());
            readOneOfAnotherShard |=
                    shard != UNSHARDED && page.items().stream().anyMatch(e -> WriteShards.of(e.id()) != shard);
            resumeAt = page.lastEvaluatedKey() == null ? Map.of() : page.lastEvaluatedKey();
            readToEnd = resumeAt.isEmpty();
        }
    }

    /** Reads the partition (within the bounds) to its end, {@code limit} entries per Query. */
    IndexStream fetchAll(int limit) {
        while (!readToEnd) {
            fetch(limit);
        }
        return this;
    }

    /** The next entry read and not yet taken, if any; never reads. */
    @Override
    public Optional<IndexEntry> head() {
        return Optional.ofNullable(buffer.peekFirst());
    }

    @Override
    public IndexEntry take() {
        return buffer.removeFirst();
    }

    /** True while a {@link #fetch} may still find entries. */
    @Override
    public boolean mayHaveMore() {
        return !readToEnd;
    }

    /**
     * True once this stream has read a membership that belongs in another shard: one stored before write sharding,
     * still in shard 0's partition (the key of before) until it is written again or the backfill moves it.
     */
    boolean readOneOfAnotherShard() {
        return readOneOfAnotherShard;
    }

    /** Takes every entry read and not yet taken. */
    List<IndexEntry> takeAll() {
        List<IndexEntry> all = List.copyOf(buffer);
        buffer.clear();
        return all;
    }
}
