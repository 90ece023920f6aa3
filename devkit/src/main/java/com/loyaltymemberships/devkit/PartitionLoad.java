package com.loyaltymemberships.devkit;

import com.loyaltymemberships.devkit.WriteUnitMeter.IndexShape;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write units a burst of item writes puts on each partition key value of each global secondary index: what
 * decides whether DynamoDB's limit of about 1,000 write units per second per partition key throttles them (a partition
 * whose sort key only grows, as a time-ordered Id or an update time, cannot be split for heat).
 *
 * <p>Each write is priced as {@link WriteUnitMeter} prices it ({@link WriteUnitMeter#written}'s index rules): an
 * entry that appears is a put where it lands, one that disappears a delete where it was, one whose index key changes a
 * delete where it was and a put where it lands (both in the same partition when only its sort key moves), one whose key
 * stays the same a write of the new entry if it changed; each 1 unit per started KB of the entry.
 *
 * <p>The shard-aware callers (the write-sharding test, the bench's scale model) give the item images the service
 * writes, and may map a partition key value to another (e.g. each shard to shard 0's key: the load of the design
 * without sharding).
 */
public final class PartitionLoad {

    /** One item written: its image before ({@code null} when new) and after ({@code null} when deleted). */
    public record Write(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {}

    /** The partition key value an index entry is counted under; by default the value of the index's partition key. */
    @FunctionalInterface
    public interface PartitionOf {
        String of(IndexShape index, Map<String, AttributeValue> item);

        PartitionOf STORED = (index, item) -> item.get(index.key().get(0)).s();
    }

    private final Map<String, Map<String, Long>> units;
    private final long writes;

    private PartitionLoad(Map<String, Map<String, Long>> units, long writes) {
        this.units = units;
        this.writes = writes;
    }

    /** The load of {@code writes} on the indexes of a table keyed by {@code tableKey}, by stored partition key. */
    public static PartitionLoad of(List<String> tableKey, List<IndexShape> indexes, List<Write> writes) {
        return of(tableKey, indexes, writes, PartitionOf.STORED);
    }

    /** The load of {@code writes}, each entry counted under {@code partitionOf}'s key. */
    public static PartitionLoad of(
            List<String> tableKey, List<IndexShape> indexes, List<Write> writes, PartitionOf partitionOf) {
        Map<String, Map<String, Long>> units = new LinkedHashMap<>();
        for (IndexShape index : indexes) {
            Map<String, Long> perKey = new HashMap<>();
            units.put(index.name(), perKey);
            for (Write write : writes) {
                Map<String, AttributeValue> old = index.entry(write.before(), tableKey);
                Map<String, AttributeValue> now = index.entry(write.after(), tableKey);
                boolean moved = old != null && now != null && !index.sameKey(old, now);
                if (old != null && (now == null || moved)) {
                    perKey.merge(partitionOf.of(index, write.before()), entryUnits(old), Long::sum);
                }
                if (now != null && (old == null || moved || !old.equals(now))) {
                    perKey.merge(partitionOf.of(index, write.after()), entryUnits(now), Long::sum);
                }
            }
        }
        return new PartitionLoad(units, writes.size());
    }

    private static long entryUnits(Map<String, AttributeValue> entry) {
        return WriteUnitMeter.units(ItemSize.of(entry));
    }

    /** The item writes counted. */
    public long writes() {
        return writes;
    }

    /** Units per partition key value of {@code index} (empty when the writes wrote none of its entries). */
    public Map<String, Long> units(String index) {
        return Collections.unmodifiableMap(units.getOrDefault(index, Map.of()));
    }

    /** Units of every entry of {@code index}. */
    public long total(String index) {
        return units(index).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Units of the busiest partition key value of {@code index}. */
    public long largest(String index) {
        return units(index).values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The busiest partition key value's share of {@code index}'s units. */
    public double share(String index) {
        return total(index) == 0 ? 0 : (double) largest(index) / total(index);
    }

    /**
     * Item writes per second that {@code index} takes, in this mix, before its busiest partition key value reaches
     * {@code unitsPerSecond}; infinite when the writes wrote no entry of it.
     */
    public double sustainable(String index, double unitsPerSecond) {
        return largest(index) == 0 ? Double.POSITIVE_INFINITY : unitsPerSecond * writes / largest(index);
    }
}
