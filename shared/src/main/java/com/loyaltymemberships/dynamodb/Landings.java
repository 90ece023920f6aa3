package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.membership.Membership;
import java.util.List;

/**
 * Whether a transaction whose outcome is unknown (a timeout, a lost answer) did land: read back one item it wrote.
 * A new membership's Id is new, a replaced membership's new version is exact to the millisecond and the updater, and a
 * kept answer names the claim that ran the write, so finding that item as written is proof.
 */
final class Landings {

    private final DynamoDbTables tables;

    Landings(DynamoDbTables tables) {
        this.tables = tables;
    }

    boolean landed(List<ItemWrite> transaction) {
        for (ItemWrite write : transaction) {
            if (write instanceof ItemWrite.Create c) {
                return stored(c.after());
            }
            if (write instanceof ItemWrite.Replace r) {
                return stored(r.after());
            }
            if (write instanceof ItemWrite.Keep k) {
                IdempotencyRepository.Entry found =
                        tables.keys().getItem(g -> g.key(ItemActions.key(k)).consistentRead(true));
                return found != null
                        && found.answer().isPresent()
                        && found.claim().id().equals(k.receipt().claim().id());
            }
        }
        throw new IllegalArgumentException("a transaction writes at least a membership or an answer");
    }

    /**
     * Whether the membership is stored as {@code written}, compared as stored: times are kept to the millisecond, so a
     * membership changed at a finer instant reads back different from the record that was written.
     */
    private boolean stored(Membership written) {
        Membership found = tables.memberships()
                .getItem(g -> g.key(MembershipTable.key(written.id())).consistentRead(true));
        return found != null
                && MembershipTable.SCHEMA
                        .itemToMap(found, true)
                        .equals(MembershipTable.SCHEMA.itemToMap(written, true));
    }
}
