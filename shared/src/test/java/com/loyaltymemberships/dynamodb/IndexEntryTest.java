package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A page counts an item for its index entry only while the item is still where the entry says (MembershipSearch):
 * the index lags its items, and an entry read before a write must not list the membership at its old place.
 */
class IndexEntryTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T08:15:30.123Z");
    private static final UUID CHAIN = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final UUID PROGRAM = UUID.randomUUID();
    private static final Membership M = membership(idOfAShardButZero(), Optional.of("MBR-1"));

    private static Membership membership(UUID id, Optional<String> number) {
        return new Membership(
                id,
                CHAIN,
                ACCOUNT,
                PROGRAM,
                MembershipState.ENROLLED,
                false,
                Optional.empty(),
                number,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                new Profile("Sample Client 1.0.0"),
                new Profile("Sample Client 1.0.0"),
                CREATED,
                CREATED,
                ActivityState.ACTIVE,
                1,
                Optional.empty());
    }

    private static UUID idOfAShardButZero() {
        return Stream.generate(UUID::randomUUID)
                .filter(id -> WriteShards.of(id) != 0)
                .findFirst()
                .orElseThrow();
    }

    /** The entry that {@code item} (as stored) has in {@code index}, if it is in it. */
    private static Optional<IndexEntry> entry(Index index, Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get(index.partitionKey()))
                .map(partition -> new IndexEntry(
                        UUID.fromString(item.get(TableDefinition.ID).s()),
                        partition.s(),
                        item.get(index.sortKey()).s()));
    }

    @Test
    void anItemIsAtEachOfItsEntries() {
        int indexes = 0;
        for (Index index : Index.values()) {
            Optional<IndexEntry> entry = entry(index, MembershipItems.of(M));
            if (entry.isPresent()) {
                indexes++;
                assertTrue(entry.get().at(index, M), index.name());
            }
        }
        assertEquals(8, indexes, "every index but the provider Id's (it has none)");
    }

    @Test
    void anItemStoredBeforeWriteShardingIsAtItsEntryInShardZero() {
        for (Index index : Index.values()) {
            entry(index, MembershipItems.unsharded(M)).ifPresent(entry -> assertTrue(entry.at(index, M), index.name()));
        }
    }

    @Test
    void anEntryReadBeforeTheItemMovedIsNotAtIt() {
        Map<String, AttributeValue> before = MembershipItems.of(M);
        Membership updated = M.changed(new Profile("Other 1.0"), CREATED.plusSeconds(60));
        for (Index index : Index.values()) {
            // A later update time moves the entries of the update-ordered indexes only.
            entry(index, before)
                    .ifPresent(entry -> assertEquals(index.sortsById(), entry.at(index, updated), index.name()));
        }
        Membership deleted = M.withActivityState(ActivityState.DELETED);
        for (Index index : Index.values()) {
            entry(index, before).ifPresent(entry -> assertFalse(entry.at(index, deleted), index.name()));
        }
        Membership withoutNumber = membership(M.id(), Optional.empty());
        assertFalse(
                entry(Index.BY_MEMBERSHIP_NUMBER, before).orElseThrow().at(Index.BY_MEMBERSHIP_NUMBER, withoutNumber),
                "out of a sparse index");
    }

    @Test
    void anEntryIsAtItsOwnMembershipOnly() {
        Membership other = membership(UUID.randomUUID(), M.membershipNumber());
        assertFalse(entry(Index.BY_ACCOUNT, MembershipItems.of(M)).orElseThrow().at(Index.BY_ACCOUNT, other));
    }
}
