package com.loyaltymemberships.dynamodb;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Write sharding of the indexes whose partition covers a whole chain, program or state: each such partition key is
 * split into {@link #COUNT} keys, and a membership lives in the one its Id hashes to, for good (the Id never
 * changes, so an update moves an entry within its shard's partition, never across shards).
 *
 * <p>Why 32: DynamoDB serves about 1,000 write units per second per partition, and a partition whose sort key only
 * grows (the time-ordered Id, the update time) cannot be split for heat. An update moves the entry of each
 * update-ordered index (2 units), so 10,000 updates per second of one chain need at least 20 keys; 32 leaves a third
 * spare for the unevenness of hashing (100,000 memberships: the largest shard holds under 3.4 %, PartitionShareTest).
 * Reads of a chain-wide listing merge the 32 partitions, read in parallel (MembershipSearch).
 *
 * <p>Shard 0 keeps the key the service used before sharding (no suffix), so that memberships written before are
 * found without a migration; the backfill command moves them to their own shards.
 */
public final class WriteShards {

    public static final int COUNT = 32;
    /** Every shard, in order. */
    public static final List<Integer> ALL = IntStream.range(0, COUNT).boxed().toList();

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private WriteShards() {}

    /**
     * The shard of a membership: a multiplicative hash of all its Id's bits, so that Ids with patterned low bits (made
     * by hand, or imported) spread as well as random ones.
     */
    public static int of(UUID id) {
        long mixed = (id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 32)) * GOLDEN_GAMMA;
        return (int) (mixed >>> (Long.SIZE - Integer.numberOfTrailingZeros(COUNT)));
    }

    /** What shard {@code shard} appends to a partition key: nothing for shard 0 (the key as it was before sharding). */
    static String suffix(int shard) {
        return shard == 0 ? "" : "#" + shard;
    }
}
