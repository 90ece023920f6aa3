package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WriteShardsTest {

    private static final UUID CHAIN = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");

    /**
     * A membership's shard is part of its stored keys: a change of the hash would leave every stored membership in a
     * partition that reads no longer look in. These values are pinned for good.
     */
    @Test
    void theShardOfAnIdNeverChanges() {
        Map<String, Integer> pinned = Map.of(
                "01890a5d-ac96-774b-bcce-b302099a8057", 0,
                "00000000-0000-0000-0000-000000000001", 15,
                "00000000-0000-0000-0000-000000000002", 31,
                "905a4489-0960-4ac9-96ec-793f47365c92", 8,
                "ac48674e-58a2-43d6-a02b-9ead0b213b17", 11);
        pinned.forEach((id, shard) -> assertEquals(shard, WriteShards.of(UUID.fromString(id)), id));
    }

    @Test
    void shardZeroKeepsTheKeyOfBeforeShardingAndTheOthersAddTheirNumber() {
        assertEquals(CHAIN + "#A", MembershipTable.partition(Index.BY_CHAIN, CHAIN, ActivityState.ACTIVE, "", 0));
        assertEquals(CHAIN + "#A#15", MembershipTable.partition(Index.BY_CHAIN, CHAIN, ActivityState.ACTIVE, "", 15));
        assertEquals(
                CHAIN + "#D#Enrolled#31",
                MembershipTable.partition(Index.BY_STATE_UPDATED, CHAIN, ActivityState.DELETED, "Enrolled", 31));
        assertEquals(
                CHAIN + "#A#" + CHAIN,
                MembershipTable.partition(Index.BY_ACCOUNT, CHAIN, ActivityState.ACTIVE, CHAIN.toString(), 15),
                "accounts hold a few memberships each: not sharded");
    }

    /** Ids whose low bits count up (made by hand, imported) spread as evenly as random ones. */
    @Test
    void patternedIdsSpreadOverEveryShard() {
        int[] perShard = new int[WriteShards.COUNT];
        for (int i = 0; i < 32_000; i++) {
            perShard[WriteShards.of(new UUID(0, i))]++;
        }
        assertEquals(
                List.of(),
                Arrays.stream(perShard).filter(n -> n < 900 || n > 1100).boxed().toList());
    }
}
