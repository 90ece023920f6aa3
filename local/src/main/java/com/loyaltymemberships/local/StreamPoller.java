package com.loyaltymemberships.local;

import com.loyaltymemberships.changes.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's change stream and hands it to a consumer as Lambda's event source mapping does, for the local
 * server and tests (AWS runs the mapping itself; template.yaml configures it): each shard in order, in batches of up to
 * {@code batchSize} records; a batch the consumer answers with a partial failure is handed again from the record it
 * names, and one that fails {@code maxRetries} more times goes to {@code deadLetters} and is passed. Unlike AWS, a
 * consumer that throws is retried whole, not split in two.
 */
public final class StreamPoller {

    /** A batch given up on: what the mapping's on-failure destination receives. */
    public record DeadLetter(String shardId, String firstSequenceNumber, String lastSequenceNumber) {}

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Function<List<StreamRecord>, Optional<String>> consumer;
    private final int batchSize;
    private final int maxRetries;
    private final Consumer<DeadLetter> deadLetters;
    /** Per shard, the last sequence number handled: where the next read starts after. */
    private final Map<String, String> checkpoints = new HashMap<>();

    public StreamPoller(
            DynamoDbStreamsClient streams,
            String streamArn,
            Function<List<StreamRecord>, Optional<String>> consumer,
            int batchSize,
            int maxRetries,
            Consumer<DeadLetter> deadLetters) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
        this.deadLetters = deadLetters;
    }

    /** Hands every record written so far and not yet handled to the consumer; returns how many it handled. */
    public synchronized int drain() {
        int handled = 0;
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn))
                .streamDescription()
                .shards()) {
            handled += drain(shard.shardId());
        }
        return handled;
    }

    private int drain(String shardId) {
        int handled = 0;
        int failures = 0;
        while (true) {
            List<StreamRecord> batch = read(shardId);
            if (batch.isEmpty()) {
                return handled;
            }
            Optional<String> failedFrom = handle(batch);
            if (failedFrom.isEmpty()) {
                checkpoints.put(shardId, last(batch));
                handled += batch.size();
                failures = 0;
                continue;
            }
            failures++;
            // A sequence number not in the batch fails the whole batch, as in AWS.
            int failed = Math.max(
                    0, batch.stream().map(StreamRecord::sequenceNumber).toList().indexOf(failedFrom.get()));
            List<StreamRecord> done = batch.subList(0, failed);
            if (!done.isEmpty()) {
                checkpoints.put(shardId, last(done));
                handled += done.size();
            }
            if (failures > maxRetries) {
                List<StreamRecord> rest = batch.subList(failed, batch.size());
                deadLetters.accept(new DeadLetter(shardId, rest.get(0).sequenceNumber(), last(rest)));
                checkpoints.put(shardId, last(rest));
                failures = 0;
            }
        }
    }

    private Optional<String> handle(List<StreamRecord> batch) {
        try {
            return consumer.apply(batch);
        } catch (RuntimeException e) {
            return Optional.of(batch.get(0).sequenceNumber());
        }
    }

    private List<StreamRecord> read(String shardId) {
        String after = checkpoints.get(shardId);
        String iterator = streams.getShardIterator(r -> {
                    r.streamArn(streamArn).shardId(shardId);
                    if (after == null) {
                        r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                    } else {
                        r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                .sequenceNumber(after);
                    }
                })
                .shardIterator();
        GetRecordsResponse response =
                streams.getRecords(r -> r.shardIterator(iterator).limit(batchSize));
        List<StreamRecord> batch = new ArrayList<>();
        response.records().forEach(record -> batch.add(StreamRecord.of(record)));
        return batch;
    }

    private static String last(List<StreamRecord> records) {
        return records.get(records.size() - 1).sequenceNumber();
    }
}
