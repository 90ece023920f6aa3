package com.loyaltymemberships.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Moves memberships stored by an earlier release to the index keys the current code computes: the write shards
 * ({@link WriteShards}) put most of them in other partitions of the chain, program and state indexes than the one
 * they were written to. Reads find a membership under its old keys and its new ones alike, so the service runs on
 * while this moves them (a page that meets one still in shard 0 reads the other shards again over its range, so that
 * one moved between two of its Queries is not missed: MembershipSearch).
 *
 * <p>A parallel Scan of the membership items (one thread per segment) reads each whole and, when its stored key
 * attributes are not those the current code computes, writes just those with one conditional UpdateItem
 * ({@link KeyMove}): a membership changed meanwhile is skipped, never written over. So a second run finds nothing to
 * do (idempotent), and after each page a segment keeps its place in the table ({@link BackfillCheckpoints}), where a
 * new run continues (resumable). The moves are paced ({@link WriteRate}) to bound the write units taken from the
 * service; the scan itself reads about half a read unit per 4 KB.
 */
public final class KeyBackfill {

    /** Items per Scan page: each page ends with a checkpoint (one small write), so a stop loses at most a page. */
    static final int PAGE = 100;

    /**
     * How a run goes: {@code segments} scanned in parallel (1 to {@link #MAX_SEGMENTS}); at most {@code movesPerSecond}
     * moves a second, all segments together; it stops after scanning {@code maxItems} memberships (the checkpoints
     * keep the place); {@code restart} forgets the checkpoints first; a {@code dryRun} only counts, and neither reads
     * nor writes checkpoints.
     */
    public record Options(int segments, int movesPerSecond, long maxItems, boolean restart, boolean dryRun) {

        public static final int MAX_SEGMENTS = 64;

        public Options {
            if (segments < 1 || segments > MAX_SEGMENTS) {
                throw new IllegalArgumentException("segments: 1 to " + MAX_SEGMENTS);
            }
            if (movesPerSecond < 1 || maxItems < 1) {
                throw new IllegalArgumentException("the rate and the item limit are at least 1");
            }
        }

        /** Every membership, at {@code movesPerSecond}, from the checkpoints if a run left any. */
        public static Options of(int segments, int movesPerSecond) {
            return new Options(segments, movesPerSecond, Long.MAX_VALUE, false, false);
        }

        public Options withMaxItems(long items) {
            return new Options(segments, movesPerSecond, items, restart, dryRun);
        }

        public Options withRestart(boolean restart) {
            return new Options(segments, movesPerSecond, maxItems, restart, dryRun);
        }

        public Options withDryRun(boolean dryRun) {
            return new Options(segments, movesPerSecond, maxItems, restart, dryRun);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final BackfillCheckpoints checkpoints;

    public KeyBackfill(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.checkpoints = new BackfillCheckpoints(dynamoDb, tableName);
    }

    /** The number of segments of an unfinished backfill, which a run resumes only with that number; empty if none. */
    public Optional<Integer> unfinished() {
        return checkpoints.load().values().stream()
                .map(BackfillCheckpoints.Checkpoint::segments)
                .findFirst();
    }

    /**
     * Runs the backfill to the end of the table, or until {@code maxItems} are scanned or the thread is interrupted;
     * {@code progress} gets the counts so far after each page, from the segments' threads.
     *
     * @throws IllegalArgumentException when an unfinished backfill has another number of segments (and no restart)
     */
    public BackfillReport run(Options options, Consumer<BackfillReport> progress) throws InterruptedException {
        if (options.restart() && !options.dryRun()) {
            checkpoints.clear();
        }
        Map<Integer, BackfillCheckpoints.Checkpoint> places = options.dryRun() ? Map.of() : checkpoints.load();
        places.values().stream()
                .map(BackfillCheckpoints.Checkpoint::segments)
                .filter(n -> n != options.segments())
                .findFirst()
                .ifPresent(n -> {
                    throw new IllegalArgumentException("an unfinished backfill has " + n + " segments");
                });
        Run run = new Run(options, progress);
        List<Callable<Boolean>> segments = new ArrayList<>();
        for (int segment = 0; segment < options.segments(); segment++) {
            Optional<BackfillCheckpoints.Checkpoint> place = Optional.ofNullable(places.get(segment));
            int number = segment;
            segments.add(() -> place.map(BackfillCheckpoints.Checkpoint::done).orElse(false)
                    || run.segment(number, place.flatMap(BackfillCheckpoints.Checkpoint::resumeAt)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(options.segments());
        boolean finished = true;
        try {
            for (Future<Boolean> segment : threads.invokeAll(segments)) {
                finished &= segment.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
        if (finished && !options.dryRun()) {
            checkpoints.clear();
        }
        return run.report(finished);
    }

    /** One run's segments, their shared pace, item budget and counts. */
    private final class Run {

        private final Options options;
        private final Consumer<BackfillReport> progress;
        private final WriteRate rate;
        private final AtomicLong budget;
        private final LongAdder scanned = new LongAdder();
        private final LongAdder moved = new LongAdder();
        private final LongAdder alreadyRight = new LongAdder();
        private final LongAdder skipped = new LongAdder();

        Run(Options options, Consumer<BackfillReport> progress) {
            this.options = options;
            this.progress = progress;
            this.rate = new WriteRate(options.movesPerSecond());
            this.budget = new AtomicLong(options.maxItems());
        }

        /**
         * Scans one segment from {@code resumeAt} (the start when empty) to its end, keeping its place after each page;
         * false when it stopped first. A page cut short by the item limit is not kept: the next run reads it again,
         * and finds the memberships this one moved already right.
         */
        boolean segment(int segment, Optional<Map<String, AttributeValue>> resumeAt) {
            Optional<Map<String, AttributeValue>> place = resumeAt;
            do {
                ScanResponse page = dynamoDb.scan(page(segment, place));
                for (Map<String, AttributeValue> item : page.items()) {
                    if (budget.getAndDecrement() <= 0) {
                        return false;
                    }
                    try {
                        move(item);
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                place = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? Optional.of(page.lastEvaluatedKey())
                        : Optional.empty();
                if (!options.dryRun()) {
                    checkpoints.save(segment, options.segments(), place);
                }
                progress.accept(report(false));
            } while (place.isPresent());
            return true;
        }

        private ScanRequest page(int segment, Optional<Map<String, AttributeValue>> place) {
            ScanRequest.Builder scan = ScanRequest.builder()
                    .tableName(tableName)
                    .segment(segment)
                    .totalSegments(options.segments())
                    .limit(PAGE)
                    .filterExpression("#sk = :membership")
                    .expressionAttributeNames(Map.of("#sk", TableDefinition.SK))
                    .expressionAttributeValues(Map.of(":membership", AttributeValue.fromS(MembershipTable.TYPE)));
            place.ifPresent(scan::exclusiveStartKey);
            return scan.build();
        }

        private void move(Map<String, AttributeValue> item) throws InterruptedException {
            scanned.increment();
            Optional<UpdateItemRequest> update = KeyMove.of(tableName, item);
            if (update.isEmpty()) {
                alreadyRight.increment();
                return;
            }
            if (options.dryRun()) {
                moved.increment();
                return;
            }
            rate.await();
            try {
                dynamoDb.updateItem(update.get());
                moved.increment();
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                skipped.increment();
            }
        }

        BackfillReport report(boolean finished) {
            return new BackfillReport(scanned.sum(), moved.sum(), alreadyRight.sum(), skipped.sum(), finished);
        }
    }
}
