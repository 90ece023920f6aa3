package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored shape of a membership item, pinned attribute by attribute: what the schema writes must stay readable by
 * every deployed version, and what it reads back must be the membership written.
 */
class MembershipTableTest {

    private static final UUID ID = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    private static final UUID CHAIN = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    private static final UUID ACCOUNT = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
    private static final UUID PROGRAM = UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5");
    private static final UUID TIER = UUID.fromString("da34b396-41f7-47f6-8847-aecf00a3f19e");
    /** The write shard's suffix of the chain, program and state partitions: none, ID is in shard 0 (WriteShardsTest). */
    private static final String SHARD = WriteShards.suffix(WriteShards.of(ID));

    private static final Instant CREATED = Instant.parse("2026-11-30T08:15:30.123Z");
    private static final Instant UPDATED = Instant.parse("2026-12-01T10:00:00.007Z");

    private static final Membership FULL = new Membership(
            ID,
            CHAIN,
            ACCOUNT,
            PROGRAM,
            MembershipState.ENROLLED,
            true,
            Optional.of("PRV-1"),
            Optional.of("MBR-1"),
            Optional.of(22),
            Optional.of(Instant.parse("2029-12-24T00:00:00Z")),
            Optional.of("https://example.com/m/1"),
            Optional.of(TIER),
            new Profile("Sample Client 1.0.0"),
            new Profile("Other Client 2.0"),
            CREATED,
            UPDATED,
            ActivityState.ACTIVE,
            3,
            Optional.of("req-7f3a"));

    private static final Membership BARE = new Membership(
            ID,
            CHAIN,
            ACCOUNT,
            PROGRAM,
            MembershipState.CANCELED,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Profile("Sample Client 1.0.0"),
            new Profile("Sample Client 1.0.0"),
            CREATED,
            UPDATED,
            ActivityState.DELETED,
            1,
            Optional.empty());

    @Test
    void aMembershipWithEveryFieldIsStoredAsItHasAlwaysBeen() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("PK", "S:MEMBERSHIP#" + ID);
        expected.put("SK", "S:MEMBERSHIP");
        expected.put("Id", "S:" + ID);
        expected.put("ListKey", "S:" + CHAIN + "#A" + SHARD);
        expected.put("UpdatedKey", "S:2026-12-01T10:00:00.007Z#" + ID);
        expected.put("AccountKey", "S:" + CHAIN + "#A#" + ACCOUNT);
        expected.put("ProgramKey", "S:" + CHAIN + "#A#" + PROGRAM + SHARD);
        expected.put("StateKey", "S:" + CHAIN + "#A#Enrolled" + SHARD);
        expected.put("NumberKey", "S:" + CHAIN + "#A#MBR-1");
        expected.put("ProviderKey", "S:" + CHAIN + "#A#PRV-1");
        expected.put("ChainId", "S:" + CHAIN);
        expected.put("AccountId", "S:" + ACCOUNT);
        expected.put("LoyaltyProgramId", "S:" + PROGRAM);
        expected.put("State", "S:Enrolled");
        expected.put("RequestId", "S:req-7f3a");
        expected.put("IsPrimary", "BOOL:true");
        expected.put("ProviderMembershipId", "S:PRV-1");
        expected.put("MembershipNumber", "S:MBR-1");
        expected.put("Points", "N:22");
        expected.put("ExpirationDate", "S:2029-12-24T00:00:00Z");
        expected.put("Url", "S:https://example.com/m/1");
        expected.put("LoyaltyTierId", "S:" + TIER);
        expected.put("CreatorProfile", "S:Sample Client 1.0.0");
        expected.put("UpdaterProfile", "S:Other Client 2.0");
        expected.put("CreatedUtc", "S:2026-11-30T08:15:30.123Z");
        expected.put("UpdatedUtc", "S:2026-12-01T10:00:00.007Z");
        expected.put("ActivityState", "S:Active");
        expected.put("Version", "N:3");
        assertEquals(expected, shown(MembershipTable.SCHEMA.itemToMap(FULL, true)));
        assertEquals(FULL, MembershipTable.SCHEMA.mapToItem(MembershipTable.SCHEMA.itemToMap(FULL, true)));
    }

    @Test
    void emptyFieldsAndTheirSparseIndexKeysAreLeftOut() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("PK", "S:MEMBERSHIP#" + ID);
        expected.put("SK", "S:MEMBERSHIP");
        expected.put("Id", "S:" + ID);
        expected.put("ListKey", "S:" + CHAIN + "#D" + SHARD);
        expected.put("UpdatedKey", "S:2026-12-01T10:00:00.007Z#" + ID);
        expected.put("AccountKey", "S:" + CHAIN + "#D#" + ACCOUNT);
        expected.put("ProgramKey", "S:" + CHAIN + "#D#" + PROGRAM + SHARD);
        expected.put("StateKey", "S:" + CHAIN + "#D#Canceled" + SHARD);
        expected.put("ChainId", "S:" + CHAIN);
        expected.put("AccountId", "S:" + ACCOUNT);
        expected.put("LoyaltyProgramId", "S:" + PROGRAM);
        expected.put("State", "S:Canceled");
        expected.put("IsPrimary", "BOOL:false");
        expected.put("CreatorProfile", "S:Sample Client 1.0.0");
        expected.put("UpdaterProfile", "S:Sample Client 1.0.0");
        expected.put("CreatedUtc", "S:2026-11-30T08:15:30.123Z");
        expected.put("UpdatedUtc", "S:2026-12-01T10:00:00.007Z");
        expected.put("ActivityState", "S:Deleted");
        expected.put("Version", "N:1");
        assertEquals(expected, shown(MembershipTable.SCHEMA.itemToMap(BARE, true)));
        assertEquals(BARE, MembershipTable.SCHEMA.mapToItem(MembershipTable.SCHEMA.itemToMap(BARE, true)));
    }

    @Test
    void everyIndexIsKnownToTheSchemaWithItsKeys() {
        TableMetadata metadata = MembershipTable.SCHEMA.tableMetadata();
        assertEquals("PK", metadata.primaryPartitionKey());
        assertEquals("SK", metadata.primarySortKey().orElseThrow());
        for (Index index : Index.values()) {
            assertEquals(index.partitionKey(), metadata.indexPartitionKey(index.indexName()), index.indexName());
            assertEquals(
                    index.sortKey(), metadata.indexSortKey(index.indexName()).orElseThrow(), index.indexName());
        }
    }

    /**
     * What {@link MembershipTable.TextAttribute#read} covers: every stored field is read back (without it, the
     * membership read differs), and every key computed on write is ignored on read. A constant whose read line is
     * missing fails here by name.
     */
    @Test
    void everyFieldIsReadBackAndEveryComputedKeyIsIgnored() {
        Set<String> computed = Set.of(
                "PK",
                "SK",
                "ListKey",
                "UpdatedKey",
                "AccountKey",
                "ProgramKey",
                "StateKey",
                "NumberKey",
                "ProviderKey");
        Map<String, AttributeValue> item = MembershipTable.SCHEMA.itemToMap(FULL, true);
        Membership read = MembershipTable.SCHEMA.mapToItem(item);
        for (String attribute : item.keySet()) {
            Map<String, AttributeValue> without = new HashMap<>(item);
            without.remove(attribute);
            boolean isComputed = computed.contains(attribute);
            assertEquals(
                    isComputed,
                    read.equals(MembershipTable.SCHEMA.mapToItem(without)),
                    attribute + (isComputed ? " is computed on write: read ignores it" : " is a field: read sets it"));
        }
    }

    /** A tombstone (PrimaryClaims): the key of a membership that never was, with a TTL; it reads as no membership. */
    @Test
    void aTombstoneReadsAsNoMembership() {
        Map<String, AttributeValue> item = new HashMap<>(MembershipTable.SCHEMA.itemToMap(FULL, true));
        item.keySet().retainAll(Set.of("PK", "SK"));
        item.put(TableDefinition.EXPIRES_AT, AttributeValue.fromN("1800000000"));
        assertNull(MembershipTable.SCHEMA.mapToItem(item));
    }

    /** Each text attribute is declared once, under its own name, and written for a membership with every field. */
    @Test
    void everyTextAttributeHasItsOwnNameAndIsWritten() {
        Map<String, AttributeValue> item = MembershipTable.SCHEMA.itemToMap(FULL, true);
        Set<String> names = new HashSet<>();
        for (MembershipTable.TextAttribute text : MembershipTable.TextAttribute.values()) {
            assertTrue(names.add(text.attributeName()), text + " has the name of another");
            assertNotNull(item.get(text.attributeName()).s(), text + " is written as text");
        }
    }

    private static Map<String, String> shown(Map<String, AttributeValue> item) {
        return item.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> {
                            AttributeValue v = e.getValue();
                            return v.s() != null ? "S:" + v.s() : v.n() != null ? "N:" + v.n() : "BOOL:" + v.bool();
                        },
                        (a, b) -> a,
                        TreeMap::new));
    }
}
