package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.dynamodb.Journal.Head;
import com.loyaltymemberships.dynamodb.Journal.Part;
import com.loyaltymemberships.dynamodb.MembershipTable.HeldMembership;
import com.loyaltymemberships.membership.Membership;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Applies a journal part of new and replaced memberships past the point of no return by single conditional PutItems,
 * {@value #AT_ONCE} at a time, then marks it applied ({@link Journal#markPut}): a transaction would bill each item twice
 * (docs/WRITE-UNITS.md). The part is no longer applied at once, which nobody can tell: past the point of no return the
 * write is finished whatever happens, its replaced memberships are held until their put, and its new ones are new.
 *
 * <p>Each put carries the condition that makes it this write's own, with no check of the journal's owner:
 * <ul>
 *   <li>a new membership: {@code attribute_not_exists(PK)}; its Id is new, so no one else writes that item first;</li>
 *   <li>a replaced one: {@code Lock = } the write's id, its hold, which only this write sets, and which the put removes
 *       (the item written has no Lock): it lands once, and no other write can have come between.</li>
 * </ul>
 * That is enough: only the journal's owner applies its parts (the request, or a recovery once it took the journal
 * over), and an applier that lost the journal meanwhile puts no other result than the one its new owner puts; it then
 * fails to mark the part, which is conditional on the owner. A put whose condition fails was already applied, by a
 * second applier (a recovery racing a slow owner, or a re-run after a crash between the puts and the mark) when the
 * item is this write's result, or a later one: it is not held by this write, and its version is at least the result's
 * (the same version is the result itself). Anything else cannot come from this write: an item missing (memberships
 * are never deleted from the table), still held by it, older than its result, or another item at its result's version
 * means that the hold was lost or broken from outside (a restore, a hand edit). Overwriting would lose someone else's
 * write, and taking it as applied would hide the loss, so the part fails and stays unapplied: recovery retries it and
 * logs the failure each run until someone looks.
 */
final class PartPuts {

    static final int AT_ONCE = 32;

    private final DynamoDbTables tables;
    private final Journal journal;

    PartPuts(DynamoDbTables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    /** Parts of new and replaced memberships only: a pointer's move or a kept answer stay in their transaction. */
    static boolean applies(Part part) {
        return part.writes().stream().allMatch(w -> w instanceof ItemWrite.Create || w instanceof ItemWrite.Replace);
    }

    /** The calls one after another that applying the part takes: its rounds of puts and its mark, or its transaction. */
    static long calls(Part part) {
        return applies(part) ? (part.writes().size() + AT_ONCE - 1) / AT_ONCE + 1L : 1L;
    }

    /**
     * Puts every membership of the part, then marks it applied.
     *
     * @throws com.loyaltymemberships.membership.WriteConflictException when {@code head}'s owner no longer owns the write
     * @throws IllegalStateException an item this write did not leave as it is (above): the part stays unapplied
     */
    void apply(Head head, Part part) {
        Pool.FANOUT.map(part.writes(), write -> put(write, head.id()));
        journal.markPut(head.id(), head.owner(), part.index());
    }

    /** True when this call wrote the item; false when it found it already applied. */
    private boolean put(ItemWrite write, String writeId) {
        Membership after = write instanceof ItemWrite.Replace r ? r.after() : ((ItemWrite.Create) write).after();
        Expression condition = write instanceof ItemWrite.Replace ? Holds.heldBy(writeId) : ItemActions.ABSENT;
        try {
            tables.memberships()
                    .putItem(PutItemEnhancedRequest.builder(Membership.class)
                            .item(after)
                            .conditionExpression(condition)
                            .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            HeldMembership found = tables.heldMemberships()
                    .getItem(g -> g.key(MembershipTable.key(after.id())).consistentRead(true));
            if (!isApplied(found, after, writeId)) {
                throw new IllegalStateException(
                        "membership " + after.id() + " is not as write " + writeId + " left it: " + describe(found), e);
            }
            return false;
        }
    }

    /** {@code found} is {@code after}, or a later version of it, and this write no longer holds it. */
    static boolean isApplied(HeldMembership found, Membership after, String writeId) {
        if (found == null || found.lock().filter(writeId::equals).isPresent()) {
            return false;
        }
        long version = found.membership().version();
        return version > after.version()
                || version == after.version() && found.membership().equals(after);
    }

    private static String describe(HeldMembership found) {
        return found == null
                ? "missing"
                : "version " + found.membership().version() + ", held by "
                        + found.lock().orElse("none");
    }

    /** Built on first use: only a large write past its point of no return, or recovery, puts parts. */
    private static final class Pool {
        static final Fanout FANOUT = new Fanout(AT_ONCE);
    }
}
