package com.loyaltymemberships.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.loyaltymemberships.membership.WriteConflictException;
import com.loyaltymemberships.time.Backoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What a write of several transactions keeps while it runs, so that whoever finds it abandoned can finish it
 * ({@link WriteRecovery}). One head per write in the {@value #DIRECTORY} partition (its owner, its state, its lease);
 * its parts, each as the list of {@link ItemWrite}s it applies ({@link JournalCodec}); and, per part applied, a
 * marker: an item written in the part's transaction, or, for a part applied by single writes ({@link PartPuts}), its
 * index added to the head's {@value #APPLIED_PARTS}, by its owner only.
 */
final class Journal {

    static final String DIRECTORY = "JOURNALS";
    /** The head's set of the parts applied by single writes. */
    static final String APPLIED_PARTS = "AppliedParts";

    private static final int MAX_BATCH_WRITE = 25;
    private static final int MAX_ATTEMPTS = 8;

    /** HOLDING: the write is taking holds and may still give up. APPLYING: it holds everything and will be finished. */
    enum State {
        HOLDING,
        APPLYING
    }

    /**
     * @param owner      who may write for it now: the request, or a recovery that took it over
     * @param leaseUntil when its owner is certainly gone
     */
    record Head(String id, String owner, State state, Instant leaseUntil, int transactions) {

        Head with(String newOwner, State newState, Instant newLease) {
            return new Head(id, newOwner, newState, newLease, transactions);
        }
    }

    /** The writes of one of its transactions. */
    record Part(String id, int index, List<ItemWrite> writes) {}

    /** Written in transaction {@code index} itself: it was applied. */
    record Applied(String id, int index) {}

    private final DynamoDbClient dynamoDb;
    private final DynamoDbEnhancedClient enhanced;
    private final String tableName;

    Journal(DynamoDbTables tables) {
        this.dynamoDb = tables.dynamoDb;
        this.enhanced = tables.enhanced;
        this.tableName = tables.tableName;
    }

    private DynamoDbTable<Head> headTable() {
        return enhanced.table(tableName, Schemas.HEAD);
    }

    private DynamoDbTable<Part> partTable() {
        return enhanced.table(tableName, Schemas.PART);
    }

    private DynamoDbTable<Applied> appliedTable() {
        return enhanced.table(tableName, Schemas.APPLIED);
    }

    /** Writes the head, then every transaction's writes, before the first transaction is sent. */
    void begin(Head head, List<Part> transactions) {
        batchWrite(headTable(), Head.class, List.of(head), true);
        batchWrite(partTable(), Part.class, transactions, true);
    }

    /** The condition every transaction of the write carries: {@code owner} still owns it. */
    ItemActions.Action ownedBy(String id, String owner) {
        Expression condition = Expression.builder()
                .expression("#owner = :owner")
                .putExpressionName("#owner", "Owner")
                .putExpressionValue(":owner", AttributeValue.fromS(owner))
                .build();
        Key key = headKey(id);
        return new ItemActions.Action(
                DIRECTORY + "#" + id,
                t -> t.addConditionCheck(
                        headTable(),
                        ConditionCheck.builder()
                                .key(key)
                                .conditionExpression(condition)
                                .build()));
    }

    ItemActions.Action markApplied(String id, int index) {
        Applied marker = new Applied(id, index);
        Expression absent = Expression.builder()
                .expression("attribute_not_exists(#pk)")
                .putExpressionName("#pk", TableDefinition.PK)
                .build();
        return new ItemActions.Action(
                "JOURNAL#" + id,
                t -> t.addPutItem(
                        appliedTable(),
                        TransactPutItemEnhancedRequest.builder(Applied.class)
                                .item(marker)
                                .conditionExpression(absent)
                                .build()));
    }

    /**
     * Marks a part applied by single writes: adds it to the head's {@value #APPLIED_PARTS}, if {@code owner} still owns
     * the write (1 unit: the head is small). A part's puts are conditional on its items, not on the owner; this is
     * where an owner that lost the journal learns it, and an applier that lost it never marks a journal it no longer
     * owns, nor one already deleted.
     *
     * @throws WriteConflictException when {@code owner} no longer owns the write
     */
    void markPut(String id, String owner, int index) {
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName)
                    .key(headItemKey(id))
                    .updateExpression("ADD #applied :index")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#applied", APPLIED_PARTS, "#owner", "Owner"))
                    .expressionAttributeValues(Map.of(
                            ":index", AttributeValue.fromNs(List.of(Integer.toString(index))),
                            ":owner", AttributeValue.fromS(owner))));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflictException("the write's journal was taken over", e);
        }
    }

    /**
     * Replaces the head by {@code next} if it is still {@code current} (same owner, state and lease): how a write
     * passes its point of no return, and how a recovery takes an abandoned write over. An update of the head's own
     * attributes, so that its {@value #APPLIED_PARTS} stay.
     */
    boolean replace(Head current, Head next) {
        Expression unchanged = Expression.builder()
                .expression("#owner = :owner AND #state = :state AND #lease = :lease")
                .putExpressionName("#owner", "Owner")
                .putExpressionName("#state", "State")
                .putExpressionName("#lease", "LeaseUntil")
                .putExpressionValue(":owner", AttributeValue.fromS(current.owner()))
                .putExpressionValue(
                        ":state", AttributeValue.fromS(current.state().name()))
                .putExpressionValue(
                        ":lease",
                        AttributeValue.fromN(Long.toString(current.leaseUntil().toEpochMilli())))
                .build();
        try {
            headTable()
                    .updateItem(UpdateItemEnhancedRequest.builder(Head.class)
                            .item(next)
                            .conditionExpression(unchanged)
                            .build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    Optional<Head> head(String id) {
        return Optional.ofNullable(headTable().getItem(r -> r.key(headKey(id)).consistentRead(true)));
    }

    /** Every write whose journal is still there. */
    List<Head> heads() {
        List<Head> found = new ArrayList<>();
        headTable()
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(DIRECTORY)))
                        .consistentRead(true))
                .items()
                .forEach(found::add);
        return found;
    }

    List<Part> parts(String id) {
        List<Part> found = new ArrayList<>();
        partTable()
                .query(r -> r.queryConditional(QueryConditional.sortBeginsWith(
                                k -> k.partitionValue(journalPartition(id)).sortValue("PART#")))
                        .consistentRead(true))
                .items()
                .forEach(found::add);
        return found;
    }

    boolean isApplied(String id, int index) {
        Applied marker = new Applied(id, index);
        DynamoDbTable<Applied> applied = appliedTable();
        return applied.getItem(r -> r.key(applied.keyFrom(marker)).consistentRead(true)) != null;
    }

    /** The parts applied: those marked in their transaction, and those in the head's {@value #APPLIED_PARTS}. */
    Set<Integer> applied(String id) {
        Set<Integer> found = new TreeSet<>();
        Map<String, AttributeValue> head = dynamoDb.getItem(r -> r.tableName(tableName)
                        .key(headItemKey(id))
                        .projectionExpression("#applied")
                        .expressionAttributeNames(Map.of("#applied", APPLIED_PARTS))
                        .consistentRead(true))
                .item();
        if (head != null && head.containsKey(APPLIED_PARTS)) {
            head.get(APPLIED_PARTS).ns().forEach(n -> found.add(Integer.parseInt(n)));
        }
        markers(id).forEach(a -> found.add(a.index()));
        return found;
    }

    /** The marker items of the parts applied by a transaction. */
    private List<Applied> markers(String id) {
        List<Applied> found = new ArrayList<>();
        appliedTable()
                .query(r -> r.queryConditional(QueryConditional.sortBeginsWith(
                                k -> k.partitionValue(journalPartition(id)).sortValue("APPLIED#")))
                        .consistentRead(true))
                .items()
                .forEach(found::add);
        return found;
    }

    /**
     * Deletes the journal once its write is whole (finished or released); the head last, so that a stop halfway leaves it
     * findable. Only the markers there are: deleting an item that is not there still costs a write unit, and the parts
     * applied by puts have none.
     */
    void end(Head head) {
        List<Part> allParts = new ArrayList<>();
        for (int i = 0; i < head.transactions(); i++) {
            allParts.add(new Part(head.id(), i, List.of()));
        }
        batchWrite(partTable(), Part.class, allParts, false);
        batchWrite(appliedTable(), Applied.class, markers(head.id()), false);
        batchWrite(headTable(), Head.class, List.of(head), false);
    }

    /**
     * Puts (or deletes) items of one kind, 25 per BatchWriteItem, retrying what DynamoDB leaves unprocessed (a table over
     * its capacity: after a few attempts, {@link CapacityExceededException}). One kind per
     * request: the items of one table come back unprocessed as that table's, which only one schema can read.
     */
    private <T> void batchWrite(DynamoDbTable<T> table, Class<T> type, List<T> items, boolean put) {
        List<T> pending = items;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new CapacityExceededException(
                        "BatchWriteItem left journal items unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            if (attempt > 1) {
                Backoff.pause(attempt - 1);
            }
            List<T> left = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += MAX_BATCH_WRITE) {
                List<T> chunk = pending.subList(from, Math.min(pending.size(), from + MAX_BATCH_WRITE));
                WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
                chunk.forEach(item -> {
                    if (put) {
                        batch.addPutItem(item);
                    } else {
                        batch.addDeleteItem(table.keyFrom(item));
                    }
                });
                BatchWriteResult result = enhanced.batchWriteItem(r -> r.writeBatches(batch.build()));
                left.addAll(put ? result.unprocessedPutItemsForTable(table) : unprocessed(result, table, chunk));
            }
            pending = left;
        }
    }

    /** The items of {@code sent} whose keys a deleting BatchWriteItem left unprocessed. */
    private static <T> List<T> unprocessed(BatchWriteResult result, DynamoDbTable<T> table, List<T> sent) {
        List<Key> keys = result.unprocessedDeleteItemsForTable(table);
        return sent.stream().filter(item -> keys.contains(table.keyFrom(item))).toList();
    }

    private static Key headKey(String id) {
        return Key.builder().partitionValue(DIRECTORY).sortValue(id).build();
    }

    private static Map<String, AttributeValue> headItemKey(String id) {
        return Map.of(
                TableDefinition.PK, AttributeValue.fromS(DIRECTORY), TableDefinition.SK, AttributeValue.fromS(id));
    }

    private static String journalPartition(String id) {
        return "JOURNAL#" + id;
    }

    private static String index(int i) {
        return String.format("%04d", i);
    }

    // ---- schemas ---------------------------------------------------------------------------------

    private static final class HeadBuilder {
        private String id;
        private String owner;
        private State state;
        private Instant leaseUntil;
        private int transactions;

        Head build() {
            return new Head(id, owner, state, leaseUntil, transactions);
        }
    }

    private static final class PartBuilder {
        private String partition;
        private String sort;
        private List<ItemWrite> writes = List.of();

        Part build() {
            return new Part(
                    partition.substring("JOURNAL#".length()),
                    Integer.parseInt(sort.substring("PART#".length())),
                    writes);
        }
    }

    private static final class AppliedBuilder {
        private String partition;
        private String sort;

        Applied build() {
            return new Applied(
                    partition.substring("JOURNAL#".length()), Integer.parseInt(sort.substring("APPLIED#".length())));
        }
    }

    /** Built on first use: only a write of more than one transaction, and recovery, keep a journal. */
    private static final class Schemas {
        static final TableSchema<Head> HEAD = StaticImmutableTableSchema.builder(Head.class, HeadBuilder.class)
                .newItemBuilder(HeadBuilder::new, HeadBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(h -> DIRECTORY)
                                .setter((b, v) -> {})
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(Head::id)
                                .setter((b, v) -> b.id = v)
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class, a -> a.name("Owner").getter(Head::owner).setter((b, v) -> b.owner = v))
                .addAttribute(
                        String.class,
                        a -> a.name("State").getter(h -> h.state().name()).setter((b, v) -> b.state = State.valueOf(v)))
                .addAttribute(
                        Long.class,
                        a -> a.name("LeaseUntil")
                                .getter(h -> h.leaseUntil().toEpochMilli())
                                .setter((b, v) -> b.leaseUntil = Instant.ofEpochMilli(v)))
                .addAttribute(
                        Integer.class,
                        a -> a.name("Transactions").getter(Head::transactions).setter((b, v) -> b.transactions = v))
                .build();

        static final TableSchema<Part> PART = StaticImmutableTableSchema.builder(Part.class, PartBuilder.class)
                .newItemBuilder(PartBuilder::new, PartBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(p -> journalPartition(p.id()))
                                .setter((b, v) -> b.partition = v)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(p -> "PART#" + index(p.index()))
                                .setter((b, v) -> b.sort = v)
                                .tags(primarySortKey()))
                .addAttribute(
                        SdkBytes.class,
                        a -> a.name("Packed")
                                .getter(p -> p.writes().isEmpty() ? null : JournalCodec.pack(p.writes()))
                                .setter((b, v) -> b.writes = JournalCodec.unpack(v)))
                // The previous release's format, read only: a journal it left is still recovered.
                .addAttribute(
                        EnhancedType.of(AttributeValue.class),
                        a -> a.name("Writes")
                                .getter(p -> null)
                                .setter((b, v) -> b.writes = JournalCodec.decodeList(v))
                                .attributeConverter(JournalCodec.RAW))
                .build();

        static final TableSchema<Applied> APPLIED = StaticImmutableTableSchema.builder(
                        Applied.class, AppliedBuilder.class)
                .newItemBuilder(AppliedBuilder::new, AppliedBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(x -> journalPartition(x.id()))
                                .setter((b, v) -> b.partition = v)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(x -> "APPLIED#" + index(x.index()))
                                .setter((b, v) -> b.sort = v)
                                .tags(primarySortKey()))
                .build();
    }
}
