package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.dynamodb.Holds.Mark;
import com.loyaltymemberships.dynamodb.IdempotencyRepository.Entry;
import com.loyaltymemberships.membership.Membership;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The transaction actions of an {@link ItemWrite}, each with its condition:
 * <ul>
 *   <li>{@link #direct}: in a request that fits one transaction, conditional on what was read and on no other write
 *       holding the item; {@link #alone} is the same write of a membership as a PutItem, for a request that writes it
 *       alone;</li>
 *   <li>{@link #hold}, {@link #apply}, {@link #release}: in a request of several transactions ({@link ChangeWriter}),
 *       which first holds every existing item it changes, then writes them (conditional on its hold, which the write
 *       removes), or else releases them.</li>
 * </ul>
 */
final class ItemActions {

    /** One action of a transaction; {@code key} names the item, for logs. */
    record Action(String key, Consumer<TransactWriteItemsEnhancedRequest.Builder> addTo) {}

    static final Expression ABSENT = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .putExpressionName("#pk", TableDefinition.PK)
            .build();

    /** Asked for each table as an action needs it, so that a function builds only the schemas its writes use. */
    private final DynamoDbTables tables;

    ItemActions(DynamoDbTables tables) {
        this.tables = tables;
    }

    static Key key(ItemWrite write) {
        if (write instanceof ItemWrite.Create c) {
            return MembershipTable.key(c.after().id());
        }
        if (write instanceof ItemWrite.Replace r) {
            return MembershipTable.key(r.after().id());
        }
        if (write instanceof ItemWrite.Point p) {
            return PrimaryPointer.key(p.chainId(), p.accountId());
        }
        return IdempotencyRepository.key(((ItemWrite.Keep) write).receipt().claim());
    }

    /** Only existing items that others could write meanwhile are held; new memberships and answers are not. */
    static boolean needsHold(ItemWrite write) {
        return write instanceof ItemWrite.Replace || write instanceof ItemWrite.Point;
    }

    Action direct(ItemWrite write) {
        if (write instanceof ItemWrite.Replace r) {
            return putMembership(r.after(), free(version(r.readVersion())));
        }
        if (write instanceof ItemWrite.Point p) {
            return movePointer(p, free(expected(p)));
        }
        return unheld(write);
    }

    /** A membership's write ({@link ItemWrite.Create} or {@link ItemWrite.Replace}), which can go alone. */
    static boolean isMembership(ItemWrite write) {
        return write instanceof ItemWrite.Create || write instanceof ItemWrite.Replace;
    }

    /**
     * {@link #direct}'s write of a membership alone, outside a transaction: a PutItem with the same condition, at half
     * a transaction's units. Alone it is as atomic as in a transaction of one.
     */
    PutItemEnhancedRequest<Membership> alone(ItemWrite write) {
        Membership after = write instanceof ItemWrite.Replace r ? r.after() : ((ItemWrite.Create) write).after();
        Expression condition = write instanceof ItemWrite.Replace r ? free(version(r.readVersion())) : ABSENT;
        return PutItemEnhancedRequest.builder(Membership.class)
                .item(after)
                .conditionExpression(condition)
                .build();
    }

    /**
     * {@link #direct}'s write of the pointer of an account that has none, alone, as a claim on its new membership until
     * {@code until} ({@link PrimaryClaims}): a PutItem with the same condition.
     */
    PutItemEnhancedRequest<PrimaryPointer> claim(ItemWrite.Point first, Instant until) {
        PrimaryPointer claim = new PrimaryPointer(
                first.chainId(), first.accountId(), first.to().orElseThrow(), Optional.of(until));
        return PutItemEnhancedRequest.builder(PrimaryPointer.class)
                .item(claim)
                .conditionExpression(free(expected(first)))
                .build();
    }

    /** Marks the item as held; a pointer that does not exist yet is held too: the hold creates it, with no target. */
    Action hold(ItemWrite write, String holder) {
        Expression condition = write instanceof ItemWrite.Replace r
                ? free(version(r.readVersion()))
                : free(expected((ItemWrite.Point) write));
        return mark(key(write), Optional.of(holder), condition);
    }

    Action apply(ItemWrite write, String holder) {
        if (write instanceof ItemWrite.Replace r) {
            return putMembership(r.after(), Holds.heldBy(holder));
        }
        if (write instanceof ItemWrite.Point p) {
            return movePointer(p, Holds.heldBy(holder));
        }
        return unheld(write);
    }

    /** The writes no hold protects, the same in both kinds of request. */
    private Action unheld(ItemWrite write) {
        if (write instanceof ItemWrite.Create c) {
            return putMembership(c.after(), ABSENT);
        }
        return keep((ItemWrite.Keep) write);
    }

    /** Takes a hold off: removes the mark, or the pointer item the hold created. */
    Action release(ItemWrite write, String holder) {
        if (write instanceof ItemWrite.Point p && p.from().isEmpty()) {
            Key key = key(write);
            return new Action(name(key), t -> t.addDeleteItem(tables.pointers(), delete(key, Holds.heldBy(holder))));
        }
        return mark(key(write), Optional.empty(), Holds.heldBy(holder));
    }

    private Action putMembership(Membership m, Expression condition) {
        return new Action(
                name(MembershipTable.key(m.id())),
                t -> t.addPutItem(
                        tables.memberships(),
                        TransactPutItemEnhancedRequest.builder(Membership.class)
                                .item(m)
                                .conditionExpression(condition)
                                .build()));
    }

    private Action movePointer(ItemWrite.Point p, Expression condition) {
        Key key = key(p);
        if (p.to().isEmpty()) {
            return new Action(name(key), t -> t.addDeleteItem(tables.pointers(), delete(key, condition)));
        }
        PrimaryPointer pointer = new PrimaryPointer(p.chainId(), p.accountId(), p.to().get());
        return new Action(
                name(key),
                t -> t.addPutItem(
                        tables.pointers(),
                        TransactPutItemEnhancedRequest.builder(PrimaryPointer.class)
                                .item(pointer)
                                .conditionExpression(condition)
                                .build()));
    }

    private Action keep(ItemWrite.Keep k) {
        Entry entry = Entry.of(k.receipt());
        return new Action(
                name(key(k)),
                t -> t.addPutItem(
                        tables.keys(),
                        TransactPutItemEnhancedRequest.builder(Entry.class)
                                .item(entry)
                                .conditionExpression(IdempotencyRepository.stillHeldBy(
                                        k.receipt().claim()))
                                .build()));
    }

    private Action mark(Key key, Optional<String> holder, Expression condition) {
        Mark mark = Mark.of(key, holder);
        return new Action(
                name(key),
                t -> t.addUpdateItem(
                        tables.marks(),
                        TransactUpdateItemEnhancedRequest.builder(Mark.class)
                                .item(mark)
                                .ignoreNulls(false)
                                .conditionExpression(condition)
                                .build()));
    }

    private static TransactDeleteItemEnhancedRequest delete(Key key, Expression condition) {
        return TransactDeleteItemEnhancedRequest.builder()
                .key(key)
                .conditionExpression(condition)
                .build();
    }

    private static String name(Key key) {
        return key.partitionKeyValue().s();
    }

    /** The pointer names {@code from}, or (with no {@code from}) does not exist. */
    private static Expression expected(ItemWrite.Point p) {
        return p.from().map(ItemActions::pointsTo).orElse(ABSENT);
    }

    private static Expression version(long version) {
        return Expression.builder()
                .expression("#v = :v")
                .putExpressionName("#v", MembershipTable.VERSION)
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(version)))
                .build();
    }

    static Expression pointsTo(UUID membershipId) {
        return Expression.builder()
                .expression("#m = :m")
                .putExpressionName("#m", PrimaryPointer.POINTER_TARGET)
                .putExpressionValue(":m", AttributeValue.fromS(membershipId.toString()))
                .build();
    }

    /** {@code condition}, and no write holds the item. */
    static Expression free(Expression condition) {
        return Expression.join(
                condition,
                Expression.builder()
                        .expression("attribute_not_exists(#lock)")
                        .putExpressionName("#lock", Holds.LOCK)
                        .build(),
                " AND ");
    }
}
