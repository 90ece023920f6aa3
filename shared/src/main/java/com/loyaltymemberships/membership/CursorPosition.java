package com.loyaltymemberships.membership;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonPath;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The position a getAll {@code Cursor} marks (SPEC §4), and the check that it is the Id of a membership, active or
 * deleted, of the chains in scope: any other Id is {@code 400 Invalid Cursor}, the same for an unknown Id and for one
 * of another chain, and no page is answered for it.
 *
 * <p>In creation order the Id is the sort key itself, so the page's reads are bounded by it without reading the cursor
 * first. The bound is inclusive: when the cursor is in a partition the page reads (the usual case, the last membership
 * of the previous page), its entry comes back with the page, and as every partition read belongs to a chain in scope,
 * that confirms it. A cursor the page did not meet (deleted, outside the filters, outside the time window, unknown, of
 * another chain) is read by key afterwards, strongly consistent, before anything is answered.
 *
 * <p>In update order the sort key is the cursor's last update time and Id, and only its stored membership knows that
 * time: it is read (and checked) first, and the page's reads start from its key.
 */
final class CursorPosition {

    private final UUID id;
    private final Set<UUID> chains;
    private final MembershipStore store;
    private final String key;
    private final boolean confirmed;

    private CursorPosition(UUID id, MembershipOrder order, Set<UUID> chains, MembershipStore store) {
        this.id = id;
        this.chains = chains;
        this.store = store;
        Optional<String> fromId = order.sortKeyOf(id);
        this.confirmed = fromId.isEmpty();
        this.key = fromId.orElseGet(() -> order.sortKey(readInScope()));
    }

    /** The cursor of a getAll request in {@code order}, if it has one; in update order this reads it (or fails). */
    static Optional<CursorPosition> of(
            Optional<UUID> cursor, MembershipOrder order, Set<UUID> chains, MembershipStore store) {
        return cursor.map(id -> new CursorPosition(id, order, chains, store));
    }

    /** The sort key the page starts strictly after. */
    String key() {
        return key;
    }

    /** After the page is read: unless the cursor was read already or the page met it in scope, read it by key now. */
    void confirm(MembershipPage page) {
        if (!confirmed
                && page.atCursor()
                        .filter(m -> m.id().equals(id) && chains.contains(m.chainId()))
                        .isEmpty()) {
            readInScope();
        }
    }

    private Membership readInScope() {
        return store.get(id)
                .filter(m -> chains.contains(m.chainId()))
                .orElseThrow(() -> ApiException.invalid(
                        JsonPath.of("Limitation").child("Cursor"), "no membership of the chains in scope has this Id"));
    }
}
