package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.membership.Membership;
import java.util.List;
import java.util.Optional;

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
                return membership(c.after()).filter(c.after()::equals).isPresent();
            }
            if (write instanceof ItemWrite.Replace r) {
                return membership(r.after()).filter(r.after()::equals).isPresent();
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

    private Optional<Membership> membership(Membership written) {
        return Optional.ofNullable(tables.memberships()
                .getItem(g -> g.key(MembershipTable.key(written.id())).consistentRead(true)));
    }
}
