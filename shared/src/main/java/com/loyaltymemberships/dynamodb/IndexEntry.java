package com.loyaltymemberships.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.membership.Membership;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One entry of a membership index as a KEYS_ONLY index holds it: the membership's Id (from the table key) and its
 * keys in that index. A page merges entries, then reads their items by key (MembershipSearch); an index lags its
 * items, so an item counts for the entry only while it is still {@link #at} the entry's place.
 */
record IndexEntry(UUID id, String partition, String sortKey) {

    private static final String ID_PREFIX = MembershipTable.TYPE + "#";

    /** One schema per index (its own key attributes), each built the first time a page reads that index. */
    private static final Map<Index, TableSchema<IndexEntry>> SCHEMAS = new EnumMap<>(Index.class);

    static synchronized TableSchema<IndexEntry> schema(Index index) {
        return SCHEMAS.computeIfAbsent(index, IndexEntry::build);
    }

    /**
     * True while {@code item} is where this entry says: its keys in {@code index} are the entry's. Either partition
     * its Id may have: its own shard's, or shard 0's for one stored before write sharding and not yet moved. Should a
     * stale shard-0 entry be taken for the item it moved, it sits at the same place in the order, and the page lists
     * a membership once.
     */
    boolean at(Index index, Membership item) {
        return item.id().equals(id)
                && sortKey.equals(MembershipTable.sortKeyIn(index, item))
                && (partitionIn(index, item, WriteShards.of(id)) || partitionIn(index, item, 0));
    }

    private boolean partitionIn(Index index, Membership item, int shard) {
        return MembershipTable.partitionIn(index, item, shard)
                .filter(partition::equals)
                .isPresent();
    }

    private static TableSchema<IndexEntry> build(Index index) {
        List<String> names =
                Arrays.stream(IndexSet.values()).map(set -> set.nameOf(index)).toList();
        StaticImmutableTableSchema.Builder<IndexEntry, Builder> schema = StaticImmutableTableSchema.builder(
                        IndexEntry.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(e -> ID_PREFIX + e.id())
                                .setter((b, v) -> b.id = UUID.fromString(v.substring(ID_PREFIX.length())))
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(e -> MembershipTable.TYPE)
                                .setter((b, v) -> {})
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(index.partitionKey())
                                .getter(IndexEntry::partition)
                                .setter((b, v) -> b.partition = v)
                                .tags(secondaryPartitionKey(names)));
        return schema.addAttribute(
                        String.class,
                        a -> a.name(index.sortKey())
                                .getter(IndexEntry::sortKey)
                                .setter((b, v) -> b.sortKey = v)
                                .tags(secondarySortKey(names)))
                .build();
    }

    private static final class Builder {
        private UUID id;
        private String partition;
        private String sortKey;

        IndexEntry build() {
            return new IndexEntry(id, partition, sortKey);
        }
    }
}
