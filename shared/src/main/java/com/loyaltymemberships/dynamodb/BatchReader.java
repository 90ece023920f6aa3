package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.time.Backoff;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

/**
 * Reads of many items by key, strongly consistent unless asked otherwise: BatchGetItem in chunks of 100 keys (the AWS
 * limit), chunks side by side. Each result page after the first is the Enhanced Client asking again for the keys DynamoDB
 * left unprocessed; we back off before each such retry, and give up after a few: that is throttling
 * ({@link CapacityExceededException}).
 */
final class BatchReader {

    static final int MAX_KEYS = 100;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbEnhancedClient enhanced;
    private final Fanout fanout;

    BatchReader(DynamoDbEnhancedClient enhanced, Fanout fanout) {
        this.enhanced = enhanced;
        this.fanout = fanout;
    }

    /** The items that exist among {@code keys} (which must be distinct), in no particular order. */
    <T> List<T> read(DynamoDbTable<T> table, List<Key> keys) {
        return read(table, keys, true);
    }

    /**
     * {@link #read}, eventually consistent: half the read units, and possibly an older version of an item, or none of
     * one just written.
     */
    <T> List<T> readEventually(DynamoDbTable<T> table, List<Key> keys) {
        return read(table, keys, false);
    }

    private <T> List<T> read(DynamoDbTable<T> table, List<Key> keys, boolean consistent) {
        List<List<Key>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS)));
        }
        List<T> items = new ArrayList<>(keys.size());
        fanout.map(chunks, chunk -> readChunk(table, chunk, consistent)).forEach(items::addAll);
        return items;
    }

    private <T> List<T> readChunk(DynamoDbTable<T> table, List<Key> keys, boolean consistent) {
        ReadBatch.Builder<T> batch =
                ReadBatch.builder(table.tableSchema().itemType().rawClass()).mappedTableResource(table);
        keys.forEach(key -> batch.addGetItem(get -> get.key(key).consistentRead(consistent)));
        Iterator<BatchGetResultPage> pages =
                enhanced.batchGetItem(r -> r.readBatches(batch.build())).iterator();
        List<T> items = new ArrayList<>(keys.size());
        for (int attempt = 1; pages.hasNext(); attempt++) {
            BatchGetResultPage page = pages.next();
            // A tombstone ({@link PrimaryClaims}) reads as null: no item.
            page.resultsForTable(table).stream().filter(Objects::nonNull).forEach(items::add);
            if (page.unprocessedKeysForTable(table).isEmpty()) {
                return items;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new CapacityExceededException(
                        "BatchGetItem left keys unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            Backoff.pause(attempt);
        }
        return items;
    }
}
