package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.devkit.PartitionLoad;
import com.loyaltymemberships.devkit.WriteUnitMeter.IndexShape;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipIds;
import com.loyaltymemberships.membership.Profile;
import com.loyaltymemberships.validation.MembershipPatch;
import com.loyaltymemberships.validation.NewValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 1: one chain's writes spread over enough partition keys that it sustains 10,000 membership writes per
 * second under DynamoDB's limit of about 1,000 write units per second per partition (whose sort key only grows, so it
 * cannot be split for heat).
 *
 * <p>100,000 memberships of one chain, all in one loyalty program and one state (the worst case: a bulk import), then a
 * burst of updates of every one of them (Points), then of a tenth (State), then deletes of a tenth. For every write,
 * the index entries it writes are computed from the items the service stores (old and new), with the units DynamoDB
 * bills per entry (devkit's {@link PartitionLoad}, the rules of its {@code WriteUnitMeter}): a new or rewritten entry 1
 * per started KB (these entries stay under 1 KB), a moved entry as much where it leaves and where it lands (both in
 * the same partition when only its sort key moves). The bench's {@code ScaleModel} turns the same load into writes and
 * reads per second of one chain (bench/results.md, "Scale model: one chain").
 *
 * <p>The bound: a sharded partition key receives a binomial share of {@link WriteShards#COUNT} = 32 of the writes
 * (of 100,000: mean 3,125, standard deviation 55); five deviations above the mean (3.4 % of 100,000, 4.0 % of 10,000)
 * the largest of 32 shards stays under but for about one run in 10^5. Unsharded indexes (accounts, numbers, provider
 * Ids) hold a few memberships per key.
 */
class PartitionShareTest {

    private static final int MEMBERSHIPS = 100_000;
    private static final double PARTITION_WRITE_UNITS_PER_SECOND = 1_000;
    private static final int REQUIRED_WRITES_PER_SECOND = 10_000;

    private static final UUID CHAIN = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    private static final UUID PROGRAM = UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5");
    private static final Profile BY = new Profile("Import 1.0");

    /** Write units per partition key value of each index (devkit's {@link PartitionLoad}), and its bound. */
    private record Load(PartitionLoad load) {

        /** The largest share of one partition key that hashing over 32 shards gives, but for one run in 10^5. */
        double bound() {
            double p = 1.0 / WriteShards.COUNT;
            return p + 5 * Math.sqrt(p * (1 - p) / load.writes());
        }

        long total(Index index) {
            return load.total(index.indexName());
        }

        double share(Index index) {
            return load.share(index.indexName());
        }

        /** Membership writes per second this index takes before its busiest partition key reaches its limit. */
        double sustainable(Index index) {
            return load.sustainable(index.indexName(), PARTITION_WRITE_UNITS_PER_SECOND);
        }

        int keys(Index index) {
            return load.units(index.indexName()).size();
        }
    }

    private static Load adds;
    private static Load pointUpdates;
    private static Load stateUpdates;
    private static Load deletes;

    @BeforeAll
    static void writeAChainOfAHundredThousand() {
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        MembershipIds ids = new MembershipIds(Clock.fixed(start, ZoneOffset.UTC));
        List<Membership> created = new ArrayList<>(MEMBERSHIPS);
        for (int i = 0; i < MEMBERSHIPS; i++) {
            UUID id = ids.next();
            Instant at = MembershipIds.createdAt(id);
            created.add(new Membership(
                    id,
                    CHAIN,
                    UUID.randomUUID(),
                    PROGRAM,
                    MembershipState.ENROLLED,
                    false,
                    Optional.empty(),
                    Optional.of("M-" + i),
                    Optional.of(0),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    BY,
                    BY,
                    at,
                    at,
                    ActivityState.ACTIVE,
                    1,
                    Optional.empty()));
        }
        adds = load(created.stream().map(m -> new Change(Optional.empty(), m)).toList());
        Instant later = start.plus(Duration.ofMinutes(5));
        List<Membership> updated = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (Membership m : created) {
            Membership after = with(m, m.state(), 7).changed(BY, later);
            updated.add(after);
            changes.add(new Change(Optional.of(m), after));
        }
        pointUpdates = load(changes);
        List<Change> states = new ArrayList<>();
        List<Change> deleted = new ArrayList<>();
        for (int i = 0; i < updated.size(); i += 10) {
            Membership m = updated.get(i);
            Instant then = later.plusSeconds(60);
            states.add(new Change(
                    Optional.of(m), with(m, MembershipState.CANCELED, 7).changed(BY, then)));
            deleted.add(new Change(
                    Optional.of(m), m.withActivityState(ActivityState.DELETED).changed(BY, then)));
        }
        stateUpdates = load(states);
        deletes = load(deleted);
    }

    @Test
    void addsOfOneChainSpreadOverThe32ShardsOfEveryChainWideIndex() {
        assertEquals(0.034, adds.bound(), 0.0005);
        for (Index index : Index.values()) {
            if (adds.total(index) == 0) {
                continue; // no provider Ids on add
            }
            assertTrue(
                    adds.share(index) <= adds.bound(),
                    index + ": the busiest partition key takes " + adds.share(index));
            if (index.sharded()) {
                assertEquals(
                        WriteShards.COUNT, adds.keys(index), index + ": one program and one state: one key per shard");
            }
        }
    }

    @Test
    void aBurstOfUpdatesAndDeletesSpreadsToo() {
        for (Load load : List.of(pointUpdates, stateUpdates, deletes)) {
            for (Index index : Index.values()) {
                if (load.total(index) > 0) {
                    assertTrue(
                            load.share(index) <= load.bound(),
                            index + ": the busiest partition key takes " + load.share(index));
                }
            }
        }
    }

    @Test
    void oneChainSustainsTenThousandMembershipWritesPerSecond() {
        Map<String, Load> workloads =
                Map.of("add", adds, "update Points", pointUpdates, "update State", stateUpdates, "delete", deletes);
        workloads.forEach((name, load) -> {
            for (Index index : Index.values()) {
                assertTrue(
                        load.sustainable(index) >= REQUIRED_WRITES_PER_SECOND,
                        name + " on " + index + ": " + Math.round(load.sustainable(index)) + " writes per second");
            }
        });
    }

    private record Change(Optional<Membership> before, Membership after) {}

    private static final List<IndexShape> INDEXES = Arrays.stream(Index.values())
            .map(i -> new IndexShape(
                    i.indexName(), List.of(i.partitionKey(), i.sortKey()), IndexSet.KEYS_ONLY.projection(), Set.of()))
            .toList();

    /** The index entries each change writes, from the items the service stores before and after it. */
    private static Load load(List<Change> changes) {
        List<PartitionLoad.Write> writes = changes.stream()
                .map(c -> new PartitionLoad.Write(
                        c.before().map(MembershipItems::of).orElse(null), MembershipItems.of(c.after())))
                .toList();
        return new Load(PartitionLoad.of(List.of(TableDefinition.PK, TableDefinition.SK), INDEXES, writes));
    }

    /** {@code m} with another state and points: what an update request patches, before {@link Membership#changed}. */
    private static Membership with(Membership m, MembershipState state, int points) {
        return m.patched(new MembershipPatch(
                JsonPath.of("LoyaltyMembershipUpdates"),
                m.id(),
                Optional.empty(),
                Optional.of(state),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(NewValue.of(points)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }
}
