package com.loyaltymemberships.devkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The write units DynamoDB bills for each write the service makes, computed from the items and index entries it
 * actually writes: every item a PutItem, UpdateItem, DeleteItem, BatchWriteItem or TransactWriteItems (ConditionCheck
 * included) touches is read before the call (in {@code beforeExecution}) and after it (in {@code afterExecution}), with
 * consistent reads on a separate client that carries no meter, and priced by the rules below. Each call's units are
 * broken down by item kind (the partition key's prefix before {@code #}: {@code MEMBERSHIP}, {@code ACCESS_TOKEN},
 * {@code JOURNAL}, ...) and by the table and each global secondary index, whose key schema and projection are read
 * once per table with DescribeTable.
 *
 * <p>The rules (Amazon DynamoDB Developer Guide; sizes by {@link ItemSize}):
 * <ul>
 *   <li>one write unit per started KB (1,024 bytes) of what is written, at least one ({@code ProvisionedThroughput.html},
 *       "Capacity unit consumption for writes"); a PutItem or UpdateItem bills the larger of the item before and after,
 *       a DeleteItem the deleted item, a BatchWriteItem each of its puts and deletes as a PutItem or DeleteItem (items
 *       it answers as unprocessed are not written, and not counted);</li>
 *   <li>a transactional write costs 2 units per KB of the table item: "one to prepare the transaction and one to
 *       commit" ({@code transaction-apis.html}, "Capacity management for transactions");</li>
 *   <li>each global secondary index ({@code GSI.html}, "Write capacity units"): an entry that appears is a put, one that
 *       disappears a delete, one whose index key changes a delete of the old entry and a put of the new one, one whose
 *       key stays the same a write of the new entry only if a projected attribute changed (nothing otherwise); an
 *       entry's size is its projected attributes with the table's and the index's keys ({@code GSI.html}, "Storage
 *       considerations"; with projection ALL, the whole item). Entries written by a transaction are billed at the
 *       standard rate, once: the guide says a transaction's changes propagate to the indexes after it completes,
 *       as index writes always do, and bills 2 units only for the prepare and commit of the item itself;</li>
 *   <li>a ConditionCheck in a transaction is billed as a transactional write of the item checked, 2 units per KB,
 *       with no index write (measured on AWS: github.com/paritysuite/dynamodb-conformance pull 67);</li>
 *   <li>a write whose condition fails still consumes units ({@code WorkingWithItems.html}, "Capacity units consumed
 *       by conditional writes"): the existing item's size, or of the new item of a PutItem if larger, and one unit when
 *       there is no item; nothing in the indexes. A cancelled transaction is counted the same way for each of its
 *       actions, once (only its prepare phase ran): AWS documents no figure for it, and its answer reports none.</li>
 * </ul>
 * The meter sees the items as the engine stores them, so it counts the same on moto, LocalStack or AWS; it does not
 * ask the engine for consumed capacity (moto and LocalStack report none, or their own guess).
 *
 * <p>Put it on the client the service uses, after any fault injector, then {@link #drain()} after each API call.
 * Thread-safe.
 */
public final class WriteUnitMeter implements ExecutionInterceptor {

    /** One KB, as DynamoDB rounds write sizes. */
    public static final int KB = 1024;
    /** The name of the table itself in a breakdown by table and index. */
    public static final String TABLE = "table";

    private static final ExecutionAttribute<List<Action>> ACTIONS = new ExecutionAttribute<>("WriteUnitMeter.actions");
    private static final int MAX_BATCH_GET = 100;

    /** A table's key and its global secondary indexes: what decides which entries a write touches. */
    public record TableShape(List<String> key, List<IndexShape> indexes) {

        public static TableShape of(TableDescription table) {
            return new TableShape(
                    names(table.keySchema()),
                    table.globalSecondaryIndexes().stream()
                            .map(i -> IndexShape.of(i.indexName(), i.keySchema(), i.projection()))
                            .toList());
        }

        Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
            Map<String, AttributeValue> key = new HashMap<>();
            for (String name : this.key) {
                key.put(name, item.get(name));
            }
            return key;
        }

        /** The partition key's text up to its first {@code #}: what kind of item this is. */
        String kind(Map<String, AttributeValue> item) {
            AttributeValue partition = item.get(key.get(0));
            String text = partition == null || partition.s() == null ? "?" : partition.s();
            int hash = text.indexOf('#');
            return hash < 0 ? text : text.substring(0, hash);
        }
    }

    /**
     * A global secondary index.
     *
     * @param key              its partition key, then its sort key if it has one
     * @param nonKeyAttributes the attributes an INCLUDE projection adds
     */
    public record IndexShape(String name, List<String> key, ProjectionType projection, Set<String> nonKeyAttributes) {

        static IndexShape of(String name, List<KeySchemaElement> key, Projection projection) {
            return new IndexShape(
                    name,
                    names(key),
                    projection.projectionType(),
                    projection.hasNonKeyAttributes() ? Set.copyOf(projection.nonKeyAttributes()) : Set.of());
        }

        /** The entry {@code item} has in this index (the table's and this index's keys, and what it projects), if any. */
        public Map<String, AttributeValue> entry(Map<String, AttributeValue> item, List<String> tableKey) {
            if (item == null || !item.keySet().containsAll(key)) {
                return null;
            }
            if (projection == ProjectionType.ALL) {
                return item;
            }
            Map<String, AttributeValue> entry = new HashMap<>();
            item.forEach((name, value) -> {
                if (tableKey.contains(name) || key.contains(name) || nonKeyAttributes.contains(name)) {
                    entry.put(name, value);
                }
            });
            return entry;
        }

        boolean sameKey(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
            return key.stream().allMatch(name -> a.get(name).equals(b.get(name)));
        }
    }

    /**
     * What one action on one item costs.
     *
     * @param kind    the item's kind (see {@link TableShape})
     * @param table   units of the table item
     * @param indexes units of each index that had an entry written or deleted
     */
    public record ItemUnits(String kind, int table, Map<String, Integer> indexes) {
        public int total() {
            return table + indexes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One DynamoDB write request and its items' units; {@code failed} when its condition failed or it was cancelled. */
    public record MeteredCall(String operation, boolean failed, List<ItemUnits> items) {
        public int units() {
            return items.stream().mapToInt(ItemUnits::total).sum();
        }
    }

    /**
     * The sum of some calls.
     *
     * @param byIndex units of each index, by name
     * @param byKind  units of each item kind, its index entries included
     */
    public record Totals(int units, int table, Map<String, Integer> byIndex, Map<String, Integer> byKind) {

        public static Totals of(Collection<MeteredCall> calls) {
            List<ItemUnits> items =
                    calls.stream().flatMap(c -> c.items().stream()).toList();
            Map<String, Integer> byIndex = new TreeMap<>();
            items.forEach(i -> i.indexes().forEach((index, units) -> byIndex.merge(index, units, Integer::sum)));
            return new Totals(
                    items.stream().mapToInt(ItemUnits::total).sum(),
                    items.stream().mapToInt(ItemUnits::table).sum(),
                    byIndex,
                    items.stream()
                            .collect(Collectors.groupingBy(
                                    ItemUnits::kind, TreeMap::new, Collectors.summingInt(ItemUnits::total))));
        }

        /** Units of every index entry. */
        public int indexes() {
            return units - table;
        }

        /** Units of one kind of item; 0 if none was written. */
        public int of(String kind) {
            return byKind.getOrDefault(kind, 0);
        }
    }

    // ---- the rules ----

    /** Write units of {@code bytes}: one per started KB, at least one. */
    public static int units(long bytes) {
        return (int) Math.max(1, (bytes + KB - 1) / KB);
    }

    /**
     * A put, update or delete that was applied: {@code before} and {@code after} are the item's images, null where it
     * did not exist.
     */
    public static ItemUnits written(
            TableShape table,
            Map<String, AttributeValue> before,
            Map<String, AttributeValue> after,
            boolean transactional) {
        long size = Math.max(before == null ? 0 : ItemSize.of(before), after == null ? 0 : ItemSize.of(after));
        Map<String, Integer> indexes = new LinkedHashMap<>();
        for (IndexShape index : table.indexes()) {
            Map<String, AttributeValue> old = index.entry(before, table.key());
            Map<String, AttributeValue> now = index.entry(after, table.key());
            int units;
            if (old == null && now == null) {
                units = 0;
            } else if (old == null) {
                units = units(ItemSize.of(now));
            } else if (now == null) {
                units = units(ItemSize.of(old));
            } else if (!index.sameKey(old, now)) {
                units = units(ItemSize.of(old)) + units(ItemSize.of(now));
            } else {
                units = old.equals(now) ? 0 : units(ItemSize.of(now));
            }
            if (units > 0) {
                indexes.put(index.name(), units);
            }
        }
        Map<String, AttributeValue> any = after != null ? after : before;
        return new ItemUnits(
                any == null ? "?" : table.kind(any),
                units(size) * (transactional ? 2 : 1),
                Collections.unmodifiableMap(indexes));
    }

    /** A ConditionCheck that passed, on {@code current} (null if there is no such item). */
    public static ItemUnits checked(
            TableShape table, Map<String, AttributeValue> key, Map<String, AttributeValue> current) {
        return new ItemUnits(table.kind(key), 2 * units(current == null ? 0 : ItemSize.of(current)), Map.of());
    }

    /**
     * A write whose condition failed (or an action of a cancelled transaction): {@code current} as stored, null if
     * there is none; {@code put} the item a Put would have written, else null.
     */
    public static ItemUnits refused(
            TableShape table,
            Map<String, AttributeValue> key,
            Map<String, AttributeValue> current,
            Map<String, AttributeValue> put) {
        long size = Math.max(current == null ? 0 : ItemSize.of(current), put == null ? 0 : ItemSize.of(put));
        return new ItemUnits(table.kind(key), units(size), Map.of());
    }

    // ---- the interceptor ----

    private final DynamoDbClient plain;
    private final Map<String, TableShape> shapes = new ConcurrentHashMap<>();
    private final Recorded<MeteredCall> calls = new Recorded<>();

    /** @param plain a client of the same engine without this meter: it reads the images and the tables' shapes */
    public WriteUnitMeter(DynamoDbClient plain) {
        this.plain = plain;
    }

    /** The calls since the last drain, in the order they were answered, and forgets them. */
    public List<MeteredCall> drain() {
        return calls.drain();
    }

    private void record(MeteredCall call) {
        calls.add(call);
    }

    /** One item a write request touches. */
    private record Action(
            String table,
            Map<String, AttributeValue> key,
            boolean check,
            boolean transactional,
            Map<String, AttributeValue> put,
            Map<String, AttributeValue> before) {

        Action withBefore(Map<String, AttributeValue> image) {
            return new Action(table, key, check, transactional, put, image);
        }

        ItemRef ref() {
            return new ItemRef(table, key);
        }
    }

    private record ItemRef(String table, Map<String, AttributeValue> key) {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Action> actions = actions(context.request());
        if (actions.isEmpty()) {
            return;
        }
        Map<ItemRef, Map<String, AttributeValue>> before = read(actions);
        attributes.putAttribute(
                ACTIONS,
                actions.stream().map(a -> a.withBefore(before.get(a.ref()))).toList());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        List<Action> actions = attributes.getAttribute(ACTIONS);
        if (actions == null) {
            return;
        }
        if (context.response() instanceof BatchWriteItemResponse r && r.hasUnprocessedItems()) {
            Set<ItemRef> unprocessed = new HashSet<>();
            r.unprocessedItems().forEach((table, writes) -> writes.forEach(w -> unprocessed.add(ref(table, w))));
            actions =
                    actions.stream().filter(a -> !unprocessed.contains(a.ref())).toList();
        }
        Map<ItemRef, Map<String, AttributeValue>> after =
                read(actions.stream().filter(a -> !a.check()).toList());
        List<ItemUnits> items = new ArrayList<>();
        for (Action a : actions) {
            TableShape shape = shape(a.table());
            items.add(
                    a.check()
                            ? checked(shape, a.key(), a.before())
                            : written(shape, a.before(), after.get(a.ref()), a.transactional()));
        }
        record(new MeteredCall(DynamoDbCallCounter.operation(context.request()), false, items));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        List<Action> actions = attributes.getAttribute(ACTIONS);
        Throwable failure = context.exception();
        if (actions == null
                || !(failure instanceof ConditionalCheckFailedException
                        || failure instanceof TransactionCanceledException)) {
            // Not answered, throttled or invalid: nothing written, nothing billed.
            return;
        }
        record(new MeteredCall(
                DynamoDbCallCounter.operation(context.request()),
                true,
                actions.stream()
                        .map(a -> refused(shape(a.table()), a.key(), a.before(), a.put()))
                        .toList()));
    }

    private List<Action> actions(SdkRequest request) {
        List<Action> actions = new ArrayList<>();
        if (request instanceof PutItemRequest p) {
            actions.add(put(p.tableName(), p.item(), false));
        } else if (request instanceof UpdateItemRequest u) {
            actions.add(new Action(u.tableName(), u.key(), false, false, null, null));
        } else if (request instanceof DeleteItemRequest d) {
            actions.add(new Action(d.tableName(), d.key(), false, false, null, null));
        } else if (request instanceof BatchWriteItemRequest b) {
            b.requestItems().forEach((table, writes) -> {
                for (WriteRequest w : writes) {
                    actions.add(
                            w.putRequest() != null
                                    ? put(table, w.putRequest().item(), false)
                                    : new Action(table, w.deleteRequest().key(), false, false, null, null));
                }
            });
        } else if (request instanceof TransactWriteItemsRequest t) {
            for (TransactWriteItem i : t.transactItems()) {
                if (i.put() != null) {
                    actions.add(put(i.put().tableName(), i.put().item(), true));
                } else if (i.update() != null) {
                    actions.add(new Action(i.update().tableName(), i.update().key(), false, true, null, null));
                } else if (i.delete() != null) {
                    actions.add(new Action(i.delete().tableName(), i.delete().key(), false, true, null, null));
                } else if (i.conditionCheck() != null) {
                    actions.add(new Action(
                            i.conditionCheck().tableName(), i.conditionCheck().key(), true, true, null, null));
                }
            }
        }
        return actions;
    }

    private Action put(String table, Map<String, AttributeValue> item, boolean transactional) {
        return new Action(table, shape(table).keyOf(item), false, transactional, item, null);
    }

    private ItemRef ref(String table, WriteRequest write) {
        return new ItemRef(
                table,
                write.putRequest() != null
                        ? shape(table).keyOf(write.putRequest().item())
                        : write.deleteRequest().key());
    }

    private TableShape shape(String table) {
        return shapes.computeIfAbsent(
                table,
                t -> TableShape.of(plain.describeTable(b -> b.tableName(t)).table()));
    }

    /** The items as stored now, by consistent BatchGetItem; an item that does not exist is absent. */
    private Map<ItemRef, Map<String, AttributeValue>> read(List<Action> actions) {
        Map<ItemRef, Map<String, AttributeValue>> images = new HashMap<>();
        Map<String, List<Map<String, AttributeValue>>> byTable = actions.stream()
                .collect(Collectors.groupingBy(
                        Action::table, LinkedHashMap::new, Collectors.mapping(Action::key, Collectors.toList())));
        byTable.forEach((table, keys) -> {
            TableShape shape = shape(table);
            for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
                Map<String, KeysAndAttributes> pending = Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET)))
                                .consistentRead(true)
                                .build());
                while (!pending.isEmpty()) {
                    Map<String, KeysAndAttributes> request = pending;
                    var response = plain.batchGetItem(b -> b.requestItems(request));
                    response.responses()
                            .getOrDefault(table, List.of())
                            .forEach(item -> images.put(new ItemRef(table, shape.keyOf(item)), item));
                    pending = response.unprocessedKeys();
                }
            }
        });
        return images;
    }

    private static List<String> names(List<KeySchemaElement> key) {
        return key.stream()
                .sorted((a, b) -> a.keyType() == b.keyType() ? 0 : a.keyType() == KeyType.HASH ? -1 : 1)
                .map(KeySchemaElement::attributeName)
                .toList();
    }
}
