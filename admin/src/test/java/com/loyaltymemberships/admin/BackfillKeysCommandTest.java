package com.loyaltymemberships.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.MembershipItems;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.dynamodb.WriteShards;
import com.loyaltymemberships.local.DemoTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code backfill-keys} end to end on a real engine, one fresh table per test: memberships added through the real
 * handlers, then stored back as the release before write sharding stored them, are moved to their shards; a run
 * stopped partway resumes from its checkpoint; a run after a finished one moves nothing; a membership a large write
 * holds is skipped, never written. The argument checks are in {@link AdminCliUsageTest}'s manner, at the end.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class BackfillKeysCommandTest {

    private static final int MEMBERSHIPS = 150;

    private DynamoDbClient dynamoDb;
    private String endpoint;
    private String table;

    @BeforeEach
    void freshTable(DynamoDbEngine engine, DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.endpoint = engine.endpoint().toString();
        this.table = TableNames.unique("backfill");
        TableDefinition.createIfMissing(dynamoDb, table);
        DemoTokens.seed(new TokenRepository(new DynamoDbTables(dynamoDb, table)), Instant.now());
    }

    private CliRun backfill(String... options) {
        List<String> args = new ArrayList<>(List.of("backfill-keys", "--table", table, "--endpoint", endpoint));
        args.addAll(List.of(options));
        return CliRun.run(Map.of(), args.toArray(String[]::new));
    }

    /**
     * {@code count} memberships added through the handlers (at most 100 actions a request: one transaction each),
     * then each item put back as the release before write sharding wrote it: every key in shard 0.
     */
    private void previousReleaseMemberships(int count) {
        Handlers handlers = new Handlers(dynamoDb, table);
        for (int added = 0; added < count; added += 75) {
            assertEquals(
                    200,
                    handlers.add(
                                    DemoTokens.CLIENT_TOKEN,
                                    DemoTokens.CHAIN_A_ACCESS_TOKEN,
                                    Optional.empty(),
                                    Math.min(75, count - added))
                            .status());
        }
        for (Map<String, AttributeValue> item : memberships()) {
            dynamoDb.putItem(b -> b.tableName(table).item(MembershipItems.unsharded(MembershipItems.read(item))));
        }
    }

    private List<Map<String, AttributeValue>> memberships() {
        return dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> item.get(TableDefinition.SK).s().equals("MEMBERSHIP"))
                .toList();
    }

    /** The memberships whose stored keys differ from those the current code computes. */
    private List<String> notMoved() {
        return memberships().stream()
                .filter(item -> TableDefinition.keyAttributes().stream()
                        .anyMatch(name -> !Objects.equals(
                                MembershipItems.of(MembershipItems.read(item)).get(name), item.get(name))))
                .map(item -> item.get(TableDefinition.ID).s())
                .toList();
    }

    private long inShardZero() {
        return memberships().stream()
                .filter(item -> WriteShards.of(
                                UUID.fromString(item.get(TableDefinition.ID).s()))
                        == 0)
                .count();
    }

    private List<Map<String, AttributeValue>> checkpoints() {
        return dynamoDb.query(b -> b.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("BACKFILL#keys"))))
                .items();
    }

    private static long count(CliRun run, String label) {
        return Long.parseLong(run.line(label));
    }

    @Test
    void movesEveryMembershipToItsShardResumingWhereAStoppedRunLeftOff() {
        previousReleaseMemberships(MEMBERSHIPS);
        long toMove = MEMBERSHIPS - inShardZero();
        assertEquals(toMove, notMoved().size(), "shard 0's memberships have their keys already");
        assertTrue(toMove > MEMBERSHIPS / 2, "about 31 in 32 are in other shards: " + toMove);

        CliRun dryRun = backfill("--dry-run").assertStatus(0);
        assertEquals(toMove, count(dryRun, "To move"), dryRun.out());
        assertEquals(MEMBERSHIPS - toMove, count(dryRun, "Already right"));
        assertEquals(toMove, notMoved().size(), "a dry run writes nothing");
        assertEquals(List.of(), checkpoints(), "not even a checkpoint");

        // One segment reads pages of 100: the first page is kept, the run stops in the second.
        CliRun stopped = backfill("--segments", "1", "--max-items", "120").assertStatus(0);
        assertEquals(120, count(stopped, "Scanned"), stopped.out());
        assertTrue(stopped.out().contains("Stopped at --max-items."), stopped.out());
        long movedFirst = count(stopped, "Moved");
        assertEquals(toMove - movedFirst, notMoved().size());
        assertEquals(1, checkpoints().size());
        assertEquals(AttributeValue.fromBool(false), checkpoints().get(0).get("Done"));

        CliRun otherSegments = backfill("--segments", "2").assertStatus(2);
        assertTrue(
                otherSegments
                        .err()
                        .startsWith("Error: An unfinished backfill of " + table + " has 1 segments: resume it with"
                                + " --segments 1, or give --restart to start over."),
                otherSegments.err());

        CliRun resumed = backfill("--segments", "1").assertStatus(0);
        assertTrue(resumed.out().contains("Resuming where the unfinished backfill stopped."), resumed.out());
        // The first page held 100 items, the demo tokens' few among them; the stopped run read into the second.
        long rescanned = count(resumed, "Scanned");
        assertTrue(
                rescanned > MEMBERSHIPS - 120 && rescanned <= MEMBERSHIPS - 90,
                "from the checkpoint: the second page only, not " + rescanned);
        assertEquals(toMove, movedFirst + count(resumed, "Moved"), "what the stopped run moved is not moved again");
        assertEquals(0, count(resumed, "Skipped (changed meanwhile)"));
        assertTrue(resumed.out().contains("Done: every membership has the keys of this release."), resumed.out());
        assertEquals(List.of(), notMoved());
        assertEquals(List.of(), checkpoints(), "a finished backfill leaves no checkpoint");

        CliRun again = backfill("--segments", "3").assertStatus(0);
        assertEquals(MEMBERSHIPS, count(again, "Scanned"), "a new backfill reads the whole table");
        assertEquals(0, count(again, "Moved"));
        assertEquals(MEMBERSHIPS, count(again, "Already right"));
    }

    @Test
    void restartForgetsTheCheckpoints() {
        previousReleaseMemberships(MEMBERSHIPS);
        backfill("--segments", "1", "--max-items", "110").assertStatus(0);
        assertEquals(1, checkpoints().size());

        CliRun restarted = backfill("--segments", "2", "--restart").assertStatus(0);
        assertEquals(MEMBERSHIPS, count(restarted, "Scanned"), "from the beginning, with other segments");
        assertEquals(List.of(), notMoved());
        assertEquals(List.of(), checkpoints());
    }

    @Test
    void aMembershipThatALargeWriteHoldsIsSkippedAndLeftAsItIs() {
        previousReleaseMemberships(20);
        List<String> oldKeys = notMoved();
        String held = oldKeys.get(0);
        Map<String, AttributeValue> key =
                Map.of("PK", AttributeValue.fromS("MEMBERSHIP#" + held), "SK", AttributeValue.fromS("MEMBERSHIP"));
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(key)
                .updateExpression("SET #lock = :holder")
                .expressionAttributeNames(Map.of("#lock", "Lock"))
                .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS("a-large-write"))));
        Map<String, AttributeValue> before = dynamoDb.getItem(
                        b -> b.tableName(table).key(key).consistentRead(true))
                .item();

        CliRun run = backfill().assertStatus(0);
        assertEquals(1, count(run, "Skipped (changed meanwhile)"), run.out());
        assertEquals(oldKeys.size() - 1, count(run, "Moved"));
        assertTrue(run.out().contains("run again to check them"), run.out());
        assertEquals(List.of(held), notMoved());
        assertEquals(
                before,
                dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true))
                        .item(),
                "the held membership is not written");
    }

    @Test
    void badOptionsAreRefusedBeforeDynamoDbIsCalled() {
        // No engine, no endpoint: a run that got past the arguments would fail with status 1.
        Map<String[], String> refusals = Map.of(
                new String[] {"--segments", "0"}, "--segments is 1 to 64, not 0.",
                new String[] {"--segments", "65"}, "--segments is 1 to 64, not 65.",
                new String[] {"--rate", "fast"}, "--rate takes a whole number, not 'fast'.",
                new String[] {"--rate", "0"}, "--rate is at least 1.",
                new String[] {"--max-items", "-5"}, "--max-items takes a whole number, not '-5'.",
                new String[] {"--dry-run", "--dry-run"}, "--dry-run is given twice.");
        refusals.forEach((options, message) -> {
            List<String> args = new ArrayList<>(List.of("backfill-keys"));
            args.addAll(List.of(options));
            CliRun run = CliRun.run(Map.of(), args.toArray(String[]::new)).assertStatus(2);
            assertTrue(run.err().startsWith("Error: " + message), run.err());
            assertFalse(run.err().contains("DynamoDB request failed"), run.err());
        });
    }
}
