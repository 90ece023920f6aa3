package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.ChangeSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipFilter;
import com.loyaltymemberships.membership.MembershipStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Memberships and their primary pointers in DynamoDB, through the Enhanced Client. Reads by key are strongly consistent. */
public final class MembershipRepository implements MembershipStore {

    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#pk)").putExpressionName("#pk", TableDefinition.PK).build();

    private final DynamoDbTable<Membership> memberships;
    private final DynamoDbTable<PrimaryPointer> pointers;
    private final BatchReader batchReader;
    private final MembershipSearch search;
    private final TransactionWriter writer;

    public MembershipRepository(DynamoDbTables tables, Fanout fanout, JsonLog log) {
        this.memberships = tables.memberships;
        this.pointers = tables.pointers;
        this.batchReader = new BatchReader(tables.enhanced, fanout);
        this.search = new MembershipSearch(memberships, fanout);
        this.writer = new TransactionWriter(tables.enhanced, log);
    }

    @Override
    public Optional<Membership> get(UUID id) {
        return Optional.ofNullable(memberships.getItem(r -> r.key(MembershipTable.key(id)).consistentRead(true)));
    }

    @Override
    public Map<UUID, Membership> getMany(Collection<UUID> ids) {
        List<Key> keys = new ArrayList<>();
        new LinkedHashSet<>(ids).forEach(id -> keys.add(MembershipTable.key(id)));
        Map<UUID, Membership> found = new HashMap<>();
        batchReader.read(memberships, keys).forEach(m -> found.put(m.id(), m));
        return found;
    }

    /** Asked for by Id: read those by key; otherwise a key-condition search of the indexes. */
    @Override
    public List<Membership> page(MembershipFilter filter) {
        if (!filter.query().ids().isEmpty()) {
            return MembershipSearch.page(List.copyOf(getMany(filter.query().ids()).values()), filter);
        }
        return search.search(filter);
    }

    @Override
    public Map<UUID, UUID> primaryPointers(UUID chainId, Set<UUID> accounts) {
        List<Key> keys = accounts.stream().map(a -> PrimaryPointer.key(chainId, a)).toList();
        Map<UUID, UUID> found = new HashMap<>();
        batchReader.read(pointers, keys).forEach(p -> found.put(p.accountId(), p.membershipId()));
        return found;
    }

    @Override
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

    /** A new membership is put if absent and undone by deleting it; a changed one replaces the version read. */
    private Write membershipWrite(ChangeSet.MembershipWrite write) {
        Membership after = write.after();
        return write.before()
                .map(before -> new Write(putMembership(after, hasVersion(before)), putMembership(before, hasVersion(after))))
                .orElseGet(() -> new Write(putMembership(after, NOT_EXISTS), deleteMembership(after, hasVersion(after))));
    }

    private Write pointerWrite(ChangeSet.PointerChange change) {
        return new Write(movePointer(change, change.from(), change.to()), movePointer(change, change.to(), change.from()));
    }

    /** The pointer moved from naming {@code expected} (or not existing) to naming {@code target} (or not existing). */
    private Write.Action movePointer(ChangeSet.PointerChange change, Optional<UUID> expected, Optional<UUID> target) {
        Expression condition = expected.map(MembershipRepository::pointsTo).orElse(NOT_EXISTS);
        Key key = PrimaryPointer.key(change.chainId(), change.accountId());
        String name = key.partitionKeyValue().s();
        if (target.isEmpty()) {
            return new Write.Action(name, t -> t.addDeleteItem(pointers, delete(key, condition)));
        }
        PrimaryPointer pointer = new PrimaryPointer(change.chainId(), change.accountId(), target.get());
        return new Write.Action(name, t -> t.addPutItem(pointers,
                TransactPutItemEnhancedRequest.builder(PrimaryPointer.class).item(pointer).conditionExpression(condition).build()));
    }

    private Write.Action putMembership(Membership m, Expression condition) {
        return new Write.Action(name(m), t -> t.addPutItem(memberships,
                TransactPutItemEnhancedRequest.builder(Membership.class).item(m).conditionExpression(condition).build()));
    }

    private Write.Action deleteMembership(Membership m, Expression condition) {
        return new Write.Action(name(m), t -> t.addDeleteItem(memberships, delete(MembershipTable.key(m.id()), condition)));
    }

    private static TransactDeleteItemEnhancedRequest delete(Key key, Expression condition) {
        return TransactDeleteItemEnhancedRequest.builder().key(key).conditionExpression(condition).build();
    }

    private static String name(Membership m) {
        return MembershipTable.key(m.id()).partitionKeyValue().s();
    }

    private static Expression hasVersion(Membership m) {
        return Expression.builder().expression("#v = :v").putExpressionName("#v", MembershipTable.VERSION)
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(m.version()))).build();
    }

    private static Expression pointsTo(UUID membershipId) {
        return Expression.builder().expression("#m = :m").putExpressionName("#m", PrimaryPointer.POINTER_TARGET)
                .putExpressionValue(":m", AttributeValue.fromS(membershipId.toString())).build();
    }
}
