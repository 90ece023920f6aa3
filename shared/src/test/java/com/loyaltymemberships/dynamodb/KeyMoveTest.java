package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The key backfill's move of one item ({@link KeyMove}) on a real engine, and the item it moves from
 * ({@link MembershipItems#unsharded}): only the sharded keys change, and never over a newer version.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class KeyMoveTest {

    private static final UUID CHAIN = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    /** In shard 31 (WriteShardsTest). */
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private static final Membership MEMBERSHIP = new Membership(
            ID,
            CHAIN,
            UUID.randomUUID(),
            UUID.randomUUID(),
            MembershipState.ENROLLED,
            false,
            Optional.of("PRV-1"),
            Optional.of("MBR-1"),
            Optional.of(5),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Profile.INTEGRATION,
            Profile.INTEGRATION,
            Instant.parse("2026-11-30T08:15:30.123Z"),
            Instant.parse("2026-12-01T10:00:00.007Z"),
            ActivityState.ACTIVE,
            4,
            Optional.empty());

    @Test
    void theItemOfBeforeShardingHasTheShardZeroKeysAndNothingElseDiffers() {
        Map<String, AttributeValue> current = MembershipItems.of(MEMBERSHIP);
        Map<String, AttributeValue> before = MembershipItems.unsharded(MEMBERSHIP);
        Map<String, String> differences = new HashMap<>();
        current.forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                differences.put(name, value.s() + " -> " + before.get(name).s());
            }
        });
        assertEquals(
                Map.of(
                        "ListKey", CHAIN + "#A#31 -> " + CHAIN + "#A",
                        "ProgramKey",
                                MembershipTable.partition(
                                                Index.BY_PROGRAM,
                                                CHAIN,
                                                ActivityState.ACTIVE,
                                                MEMBERSHIP.loyaltyProgramId().toString(),
                                                31)
                                        + " -> "
                                        + MembershipTable.partition(
                                                Index.BY_PROGRAM,
                                                CHAIN,
                                                ActivityState.ACTIVE,
                                                MEMBERSHIP.loyaltyProgramId().toString(),
                                                0),
                        "StateKey", CHAIN + "#A#Enrolled#31 -> " + CHAIN + "#A#Enrolled"),
                differences);
        assertEquals(current.keySet(), before.keySet());
    }

    @Test
    void aMoveSetsTheCurrentKeysOnlyWhileTheVersionReadIsStored(DynamoDbClient dynamoDb) {
        String table = TableNames.unique("key-move");
        TableDefinition.createIfMissing(dynamoDb, table);
        Map<String, AttributeValue> old = MembershipItems.unsharded(MEMBERSHIP);
        dynamoDb.putItem(b -> b.tableName(table).item(old));
        assertEquals(Optional.empty(), KeyMove.of(table, MembershipItems.of(MEMBERSHIP)), "nothing to move");

        // A writer stores a newer version between the backfill's read and its move: the move must not land.
        Map<String, AttributeValue> newer = new HashMap<>(old);
        newer.put("Points", AttributeValue.fromN("6"));
        newer.put("Version", AttributeValue.fromN("5"));
        dynamoDb.putItem(b -> b.tableName(table).item(newer));
        assertThrows(
                ConditionalCheckFailedException.class,
                () -> dynamoDb.updateItem(KeyMove.of(table, old).orElseThrow()));
        assertEquals(newer, stored(dynamoDb, table));

        dynamoDb.updateItem(KeyMove.of(table, newer).orElseThrow());
        Map<String, AttributeValue> moved = stored(dynamoDb, table);
        assertEquals(MembershipItems.of(MembershipItems.read(newer)), moved, "the new keys, the rest as it was");
        assertEquals(AttributeValue.fromN("5"), moved.get("Version"), "a move is no new version");
        assertTrue(KeyMove.of(table, moved).isEmpty(), "a second run moves nothing");
    }

    private static Map<String, AttributeValue> stored(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.getItem(b -> b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of(
                                "PK",
                                AttributeValue.fromS("MEMBERSHIP#" + ID),
                                "SK",
                                AttributeValue.fromS("MEMBERSHIP"))))
                .item();
    }
}
