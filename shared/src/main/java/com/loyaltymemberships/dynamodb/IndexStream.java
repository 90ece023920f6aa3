package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.membership.Membership;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * One index partition read newest first, a page at a time, only as far as the caller asks: each page is one
 * Query, made when the buffer runs dry. Sort-key bounds come from the getAll time filters and from the cursor,
 * so nothing before the cursor or outside the interval is read.
 */
final class IndexStream {

    private final Iterator<Page<Membership>> pages;
    private final ArrayDeque<Membership> buffer = new ArrayDeque<>();

    /**
     * @param lower inclusive lower bound of the sort key, if any
     * @param upper inclusive upper bound of the sort key, if any: a time bound equals no key, and the cursor's own
     *              entry is meant to come back (the page reports it and never lists it)
     */
    IndexStream(
            DynamoDbIndex<Membership> index,
            String partition,
            Optional<String> lower,
            Optional<String> upper,
            int pageSize) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(condition(partition, lower, upper))
                .scanIndexForward(false)
                .limit(pageSize)
                .build();
        this.pages = index.query(request).iterator();
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

    /** The next membership without taking it, fetching a page when the buffer is empty. */
    Optional<Membership> peek() {
        while (buffer.isEmpty() && pages.hasNext()) {
            buffer.addAll(pages.next().items());
        }
        return Optional.ofNullable(buffer.peekFirst());
    }

    Membership take() {
        return peek().map(m -> buffer.removeFirst()).orElseThrow();
    }
}
