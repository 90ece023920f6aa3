package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.ItemSize;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.dynamodb.Journal.Head;
import com.loyaltymemberships.dynamodb.Journal.Part;
import com.loyaltymemberships.dynamodb.Journal.State;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import com.loyaltymemberships.membership.WriteConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Journal parts (issue 13, steps C and D): a part keeps only what applying needs, gzip'd; recovery still finishes or
 * releases a journal of the previous release (whole items, Before included, as a list of maps); and a part applied by
 * puts is finished by whoever comes second, but never over an item this write did not leave as it is.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class JournalPartsTest {

    private static final UUID CHAIN = UUID.randomUUID();
    private static final Instant CREATED = Instant.parse("2026-11-30T08:15:30.123Z");
    private static final Instant UPDATED = Instant.parse("2026-12-01T10:00:00.007Z");
    private static final String WRITE = "write-" + UUID.randomUUID();

    @Test
    void aPartKeepsTheOwnFieldsOfItsItemsGzippedAndReadsBackTheSameWrites() {
        Membership created = membership(1, 1);
        Membership read = membership(2, 4);
        List<ItemWrite> writes = List.of(
                new ItemWrite.Create(created),
                new ItemWrite.Replace(read.version(), changed(read)),
                new ItemWrite.Point(CHAIN, read.accountId(), Optional.empty(), Optional.of(read.id())));
        assertEquals(writes, JournalCodec.unpack(JournalCodec.pack(writes)));

        Map<String, AttributeValue> own = MembershipTable.ownFields(created);
        assertFalse(own.containsKey(TableDefinition.PK) || own.containsKey(TableDefinition.LIST_KEY), own.toString());
        assertEquals(
                MembershipItems.of(created),
                MembershipItems.of(MembershipItems.read(own)),
                "the keys are computed again from the own fields");

        // 98 creates, as a part of a large add: the previous format's list of whole items against the gzip'd own
        // fields.
        List<ItemWrite> part = IntStream.range(0, 98)
                .<ItemWrite>mapToObj(i -> new ItemWrite.Create(membership(i, 1)))
                .toList();
        long previous = ItemSize.of(Map.of("Writes", PreviousRelease.writes(part)));
        long packed = JournalCodec.pack(part).asByteArrayUnsafe().length;
        assertTrue(packed * 4 < previous, "packed " + packed + " bytes, previously " + previous);
    }

    @Test
    void aJournalOfThePreviousReleasePastItsPointOfNoReturnIsFinished(DynamoDbClient dynamoDb) {
        Fixture fixture = Fixture.create(dynamoDb);
        PreviousRelease.journal(dynamoDb, fixture.table, State.APPLYING, fixture.parts);
        // The dead owner had applied its first part.
        fixture.parts.get(0).forEach(w -> fixture.store(((ItemWrite.Create) w).after(), Optional.empty()));
        dynamoDb.putItem(b -> b.tableName(fixture.table)
                .item(Map.of(
                        TableDefinition.PK, AttributeValue.fromS("JOURNAL#" + WRITE),
                        TableDefinition.SK, AttributeValue.fromS("APPLIED#0000"))));

        assertEquals(1, fixture.recovery().recoverAbandoned());

        fixture.assertStored(fixture.afters());
        fixture.assertNoJournal();
    }

    @Test
    void aJournalOfThePreviousReleaseBeforeItsPointOfNoReturnIsReleased(DynamoDbClient dynamoDb) {
        Fixture fixture = Fixture.create(dynamoDb);
        PreviousRelease.journal(dynamoDb, fixture.table, State.HOLDING, fixture.parts);

        assertEquals(1, fixture.recovery().recoverAbandoned());

        fixture.assertStored(fixture.existing);
        fixture.afters().stream()
                .filter(m -> m.version() == 1)
                .forEach(m -> assertEquals(Optional.empty(), fixture.stored(m.id()), "nothing was created"));
        fixture.assertNoJournal();
    }

    @Test
    void aPartPutHalfwayIsFinishedByRecoveryAndWhatWasPutCountsAsApplied(DynamoDbClient dynamoDb) {
        Fixture fixture = Fixture.create(dynamoDb);
        fixture.journal(State.APPLYING);
        // The owner died in the middle of its second part: some of its puts landed, and one of them changed since.
        List<ItemWrite> second = fixture.parts.get(1);
        for (int i = 0; i < second.size(); i += 3) {
            Membership after = after(second.get(i));
            fixture.store(i == 0 ? changed(after) : after, Optional.empty());
        }

        assertEquals(1, fixture.recovery().recoverAbandoned());

        List<Membership> expected = new ArrayList<>(fixture.afters());
        Membership changedSince = after(second.get(0));
        expected.replaceAll(m -> m.id().equals(changedSince.id()) ? changed(changedSince) : m);
        fixture.assertStored(expected);
        fixture.assertNoJournal();
    }

    @Test
    void aPartIsNotPutOverAnItemWhoseHoldWasLost(DynamoDbClient dynamoDb) {
        Fixture fixture = Fixture.create(dynamoDb);
        fixture.journal(State.APPLYING);
        // Something outside the service took one hold off without writing the result (a restore, say).
        Membership lost = fixture.existing.get(0);
        fixture.store(lost, Optional.empty());

        assertEquals(0, fixture.recovery().recoverAbandoned(), "the write cannot be finished");

        assertEquals(Optional.of(lost), fixture.stored(lost.id()), "the item is not overwritten");
        assertTrue(
                new Journal(fixture.tables).head(WRITE).isPresent(), "the journal stays, for the next run and a human");
    }

    @Test
    void onlyTheJournalsOwnerMarksAPartApplied(DynamoDbClient dynamoDb) {
        Fixture fixture = Fixture.create(dynamoDb);
        fixture.journal(State.APPLYING);
        Journal journal = new Journal(fixture.tables);

        assertThrows(WriteConflictException.class, () -> journal.markPut(WRITE, "someone-else", 1));
        journal.markPut(WRITE, "dead-owner", 1);

        assertEquals(List.of(1), List.copyOf(journal.applied(WRITE)));
        Head head = journal.head(WRITE).orElseThrow();
        assertTrue(journal.replace(head, head.with("recovery", State.APPLYING, Instant.now())));
        assertEquals(List.of(1), List.copyOf(journal.applied(WRITE)), "taking the journal over keeps its marks");
    }

    /**
     * A table with 60 memberships held by {@link #WRITE}, and that write's parts: 50 creates, then 10 creates and the
     * 60 replaces.
     */
    private record Fixture(
            DynamoDbClient dynamoDb,
            String table,
            DynamoDbTables tables,
            List<Membership> existing,
            List<List<ItemWrite>> parts) {

        static Fixture create(DynamoDbClient dynamoDb) {
            String table = TableNames.unique("journal-parts");
            TableDefinition.createIfMissing(dynamoDb, table);
            List<Membership> existing =
                    IntStream.range(0, 60).mapToObj(i -> membership(i, 4)).toList();
            List<ItemWrite> creates = IntStream.range(60, 120)
                    .<ItemWrite>mapToObj(i -> new ItemWrite.Create(membership(i, 1)))
                    .toList();
            List<ItemWrite> second = new ArrayList<>(creates.subList(50, 60));
            existing.forEach(m -> second.add(new ItemWrite.Replace(m.version(), changed(m))));
            Fixture fixture = new Fixture(
                    dynamoDb,
                    table,
                    new DynamoDbTables(dynamoDb, table),
                    existing,
                    List.of(creates.subList(0, 50), second));
            existing.forEach(m -> fixture.store(m, Optional.of(WRITE)));
            return fixture;
        }

        /** The journal as this release writes it, its owner dead and its lease over. */
        void journal(State state) {
            List<Part> journalParts = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                journalParts.add(new Part(WRITE, i, parts.get(i)));
            }
            new Journal(tables)
                    .begin(
                            new Head(WRITE, "dead-owner", state, Instant.now().minusSeconds(60), parts.size()),
                            journalParts);
        }

        List<Membership> afters() {
            return parts.stream()
                    .flatMap(List::stream)
                    .map(JournalPartsTest::after)
                    .toList();
        }

        void store(Membership m, Optional<String> lock) {
            Map<String, AttributeValue> item = new HashMap<>(MembershipItems.of(m));
            lock.ifPresent(l -> item.put(Holds.LOCK, AttributeValue.fromS(l)));
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        }

        Optional<Membership> stored(UUID id) {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                            .key(MembershipTable.key(id).primaryKeyMap(MembershipTable.SCHEMA))
                            .consistentRead(true))
                    .item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MembershipItems.read(item));
        }

        /** Each membership stored as given, with its keys and no hold. */
        void assertStored(List<Membership> memberships) {
            for (Membership m : memberships) {
                Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                                .key(MembershipTable.key(m.id()).primaryKeyMap(MembershipTable.SCHEMA))
                                .consistentRead(true))
                        .item();
                Map<String, AttributeValue> expected = MembershipItems.of(m);
                assertEquals(expected, item, "membership " + m.id());
            }
        }

        void assertNoJournal() {
            assertEquals(
                    List.of(),
                    dynamoDb.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                            .map(i -> i.get(TableDefinition.PK).s())
                            .filter(pk -> pk.startsWith("JOURNAL"))
                            .toList());
        }

        WriteRecovery recovery() {
            return new WriteRecovery(
                    tables, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)), ContractTable.quietLog());
        }
    }

    /** What the release before issue 13 wrote to a journal (git show 0e07e0c:shared/.../JournalCodec.java). */
    private static final class PreviousRelease {

        static void journal(DynamoDbClient dynamoDb, String table, State state, List<List<ItemWrite>> parts) {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            TableDefinition.PK,
                            AttributeValue.fromS("JOURNALS"),
                            TableDefinition.SK,
                            AttributeValue.fromS(WRITE),
                            "Owner",
                            AttributeValue.fromS("dead-owner"),
                            "State",
                            AttributeValue.fromS(state.name()),
                            "LeaseUntil",
                            AttributeValue.fromN(
                                    Long.toString(Instant.now().minusSeconds(60).toEpochMilli())),
                            "Transactions",
                            AttributeValue.fromN(Integer.toString(parts.size())))));
            for (int i = 0; i < parts.size(); i++) {
                String index = String.format("%04d", i);
                AttributeValue writes = writes(parts.get(i));
                dynamoDb.putItem(b -> b.tableName(table)
                        .item(Map.of(
                                TableDefinition.PK,
                                AttributeValue.fromS("JOURNAL#" + WRITE),
                                TableDefinition.SK,
                                AttributeValue.fromS("PART#" + index),
                                "Writes",
                                writes)));
            }
        }

        /** Creates and replaces as it kept them: whole items, and a replace's item before. */
        static AttributeValue writes(List<ItemWrite> writes) {
            return AttributeValue.fromL(writes.stream()
                    .map(w -> {
                        Map<String, AttributeValue> map = new HashMap<>();
                        map.put("After", AttributeValue.fromM(MembershipItems.of(after(w))));
                        if (w instanceof ItemWrite.Replace r) {
                            map.put("T", AttributeValue.fromS("Replace"));
                            map.put("Before", AttributeValue.fromM(MembershipItems.of(before(r))));
                        } else {
                            map.put("T", AttributeValue.fromS("Create"));
                        }
                        return AttributeValue.fromM(map);
                    })
                    .toList());
        }

        /** The item the replace read: these tests' replaces add 10 points to it. */
        private static Membership before(ItemWrite.Replace r) {
            Membership a = r.after();
            return new Membership(
                    a.id(),
                    a.chainId(),
                    a.accountId(),
                    a.loyaltyProgramId(),
                    a.state(),
                    a.primary(),
                    a.providerMembershipId(),
                    a.membershipNumber(),
                    a.points().map(p -> p - 10),
                    a.expirationDate(),
                    a.url(),
                    a.loyaltyTierId(),
                    a.creatorProfile(),
                    Profile.INTEGRATION,
                    a.createdUtc(),
                    UPDATED,
                    a.activityState(),
                    r.readVersion(),
                    Optional.empty());
        }
    }

    private static Membership after(ItemWrite write) {
        return write instanceof ItemWrite.Replace r ? r.after() : ((ItemWrite.Create) write).after();
    }

    /** A 1 KB-like membership: its Url is long and repetitive, as in WriteUnitsTest. */
    private static Membership membership(int n, long version) {
        return new Membership(
                UUID.nameUUIDFromBytes((WRITE + n).getBytes()),
                CHAIN,
                UUID.nameUUIDFromBytes(("account" + n).getBytes()),
                UUID.nameUUIDFromBytes(("program" + n % 3).getBytes()),
                MembershipState.ENROLLED,
                false,
                Optional.empty(),
                Optional.of(String.format("MBR-%08d", n)),
                Optional.of(n),
                Optional.of(Instant.parse("2030-06-30T00:00:00Z")),
                Optional.of("https://rewards.example.com/member/" + "x".repeat(500)),
                Optional.of(UUID.nameUUIDFromBytes(("tier" + n).getBytes())),
                Profile.INTEGRATION,
                Profile.INTEGRATION,
                CREATED,
                UPDATED,
                ActivityState.ACTIVE,
                version,
                Optional.empty());
    }

    /** Ten more points, by another profile a day later: the next version. */
    private static Membership changed(Membership m) {
        Membership bumped = m.changed(new Profile("Connector"), UPDATED.plus(Duration.ofDays(1)));
        return new Membership(
                bumped.id(),
                bumped.chainId(),
                bumped.accountId(),
                bumped.loyaltyProgramId(),
                bumped.state(),
                bumped.primary(),
                bumped.providerMembershipId(),
                bumped.membershipNumber(),
                bumped.points().map(p -> p + 10),
                bumped.expirationDate(),
                bumped.url(),
                bumped.loyaltyTierId(),
                bumped.creatorProfile(),
                bumped.updaterProfile(),
                bumped.createdUtc(),
                bumped.updatedUtc(),
                bumped.activityState(),
                bumped.version(),
                Optional.empty());
    }
}
