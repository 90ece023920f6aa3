package com.loyaltymemberships.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the clients know the store must hold, built only from what they sent and what the API answered: every
 * membership an add answered, every change a 2xx answer confirmed, nothing for a refused or conflicting request.
 * Shared by all clients; an account's entries change only in the order its writers' answers define (see LoadRun).
 */
final class Ledger {

    private final Map<UUID, LedgerMembership> byId = new LinkedHashMap<>();
    private final Map<AccountKey, Set<UUID>> byAccount = new HashMap<>();

    synchronized void put(LedgerMembership membership) {
        byId.put(membership.id(), membership);
        byAccount
                .computeIfAbsent(membership.account(), a -> new LinkedHashSet<>())
                .add(membership.id());
    }

    synchronized LedgerMembership get(UUID id) {
        LedgerMembership membership = byId.get(id);
        if (membership == null) {
            throw new IllegalArgumentException("not in the ledger: " + id);
        }
        return membership;
    }

    synchronized Optional<LedgerMembership> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized void set(UUID id, Field field, FieldValue value) {
        put(get(id).with(field, value));
    }

    synchronized void delete(UUID id) {
        put(get(id).asDeleted());
    }

    /** {@code id} becomes its account's primary; the account's previous active primary, if another, stops being one (SPEC §8). */
    synchronized void makePrimary(UUID id) {
        LedgerMembership primary = get(id);
        for (UUID other : byAccount.get(primary.account())) {
            LedgerMembership membership = byId.get(other);
            if (!other.equals(id) && membership.activePrimary()) {
                put(membership.withPrimary(false));
            }
        }
        put(get(id).withPrimary(true));
    }

    synchronized List<LedgerMembership> account(AccountKey account) {
        List<LedgerMembership> memberships = new ArrayList<>();
        byAccount.getOrDefault(account, Set.of()).forEach(id -> memberships.add(byId.get(id)));
        return memberships;
    }

    synchronized Map<UUID, LedgerMembership> snapshot() {
        return Map.copyOf(byId);
    }

    synchronized Set<AccountKey> accounts() {
        return Set.copyOf(byAccount.keySet());
    }
}
