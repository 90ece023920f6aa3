package com.loyaltymemberships.dynamodb;

import static com.loyaltymemberships.dynamodb.MembershipItems.s;

import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.ChangeSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Memberships and their primary pointers in DynamoDB. Reads by key are strongly consistent. */
public final class MembershipRepository {

    private static final String POINTER = "PRIMARY";
    private static final String POINTER_TARGET = "MembershipId";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final BatchReader batchReader;
    private final MembershipSearch search;
    private final TransactionWriter writer;

    public MembershipRepository(DynamoDbClient dynamoDb, String tableName, Fanout fanout, JsonLog log) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.batchReader = new BatchReader(dynamoDb, tableName, fanout);
        this.search = new MembershipSearch(dynamoDb, tableName, fanout);
        this.writer = new TransactionWriter(dynamoDb, log);
    }

    public Optional<Membership> get(UUID id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(MembershipItems.key(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MembershipItems.fromItem(item));
    }

    /** The memberships that exist among {@code ids}, by Id. */
    public Map<UUID, Membership> getMany(Collection<UUID> ids) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        new LinkedHashSet<>(ids).forEach(id -> keys.add(MembershipItems.key(id)));
        Map<UUID, Membership> found = new HashMap<>();
        for (Map<String, AttributeValue> item : batchReader.read(keys)) {
            Membership m = MembershipItems.fromItem(item);
            found.put(m.id(), m);
        }
        return found;
    }

    /**
     * One getAll page from the chains in scope, strictly after the cursor position ({@code cursorKey},
     * the cursor membership's key in the query's order).
     */
    public List<Membership> find(MembershipQuery query, Set<UUID> chains, Optional<String> cursorKey) {
        if (!query.ids().isEmpty()) {
            return MembershipSearch.page(List.copyOf(getMany(query.ids()).values()), query.order(),
                    MembershipSearch.wanted(query, chains, cursorKey), query.count());
        }
        return search.search(query, chains, cursorKey);
    }

    /** Account → its primary membership in the chain, for the accounts that have one. */
    public Map<UUID, UUID> primaryPointers(UUID chainId, Set<UUID> accounts) {
        List<Map<String, AttributeValue>> keys = accounts.stream().map(a -> pointerKey(chainId, a)).toList();
        Map<UUID, UUID> pointers = new HashMap<>();
        for (Map<String, AttributeValue> item : batchReader.read(keys)) {
            pointers.put(UUID.fromString(item.get("AccountId").s()), UUID.fromString(item.get(POINTER_TARGET).s()));
        }
        return pointers;
    }

    /**
     * Writes all of {@code changes} or nothing.
     *
     * @throws com.loyaltymemberships.membership.WriteConflictException when something read has changed since
     */
    public void commit(ChangeSet changes) {
        List<List<Write>> groups = new ArrayList<>();
        for (ChangeSet.Group group : changes.groups()) {
            List<Write> writes = new ArrayList<>();
            group.memberships().forEach(w -> writes.add(membershipWrite(w)));
            group.pointers().forEach(p -> writes.add(pointerWrite(p)));
            groups.add(writes);
        }
        writer.write(groups);
    }

    private Write membershipWrite(ChangeSet.MembershipWrite write) {
        Membership after = write.after();
        Map<String, AttributeValue> item = MembershipItems.toItem(after);
        return write.before()
                .map(before -> new Write(put(item, hasVersion(before)), put(MembershipItems.toItem(before), hasVersion(after))))
                .orElseGet(() -> new Write(put(item, Condition.NOT_EXISTS), delete(MembershipItems.key(after.id()), hasVersion(after))));
    }

    private Write pointerWrite(ChangeSet.PointerChange change) {
        return new Write(movePointer(change, change.from(), change.to()), movePointer(change, change.to(), change.from()));
    }

    /** The pointer moved from naming {@code expected} (or not existing) to naming {@code target} (or not existing). */
    private TransactWriteItem movePointer(ChangeSet.PointerChange change, Optional<UUID> expected, Optional<UUID> target) {
        Map<String, AttributeValue> key = pointerKey(change.chainId(), change.accountId());
        Condition condition = expected.map(MembershipRepository::pointsTo).orElse(Condition.NOT_EXISTS);
        if (target.isEmpty()) {
            return delete(key, condition);
        }
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("ChainId", s(change.chainId().toString()));
        item.put("AccountId", s(change.accountId().toString()));
        item.put(POINTER_TARGET, s(target.get().toString()));
        return put(item, condition);
    }

    private record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static final Condition NOT_EXISTS = new Condition("attribute_not_exists(#pk)", Map.of("#pk", TableDefinition.PK), Map.of());
    }

    private static Condition hasVersion(Membership m) {
        return new Condition("#v = :v", Map.of("#v", MembershipItems.VERSION), Map.of(":v", AttributeValue.fromN(Long.toString(m.version()))));
    }

    private static Condition pointsTo(UUID membershipId) {
        return new Condition("#m = :m", Map.of("#m", POINTER_TARGET), Map.of(":m", s(membershipId.toString())));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, Condition condition) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values())
                .build()).build();
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key, Condition condition) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(tableName).key(key)
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values())
                .build()).build();
    }

    private static Map<String, AttributeValue> pointerKey(UUID chainId, UUID accountId) {
        return Map.of(TableDefinition.PK, s(POINTER + "#" + chainId + "#" + accountId), TableDefinition.SK, s(POINTER));
    }
}
