package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.cost.CostScenarios;
import com.loyaltymemberships.devkit.DynamoDbCallCounter;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.ItemSize;
import com.loyaltymemberships.devkit.WriteUnitMeter;
import com.loyaltymemberships.devkit.WriteUnitMeter.ItemUnits;
import com.loyaltymemberships.devkit.WriteUnitMeter.MeteredCall;
import com.loyaltymemberships.devkit.WriteUnitMeter.Totals;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.local.DemoTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 13: the write units each write request costs, as DynamoDB bills them, computed by devkit's
 * {@link WriteUnitMeter} from the items and index entries the real handlers write on a real engine (rules and
 * sources in its documentation). The scenarios are on a "1 KB membership": one whose own fields ({@link #OWN_FIELDS},
 * names and values) are exactly {@value #OWN_BYTES} bytes, just under 1 KB, before the attributes the service adds
 * (table and index keys, Version): a new account, program {@link CostScenarios#PROGRAM}, Enrolled, with a
 * MembershipNumber, Points, ExpirationDate, LoyaltyTierId and a Url padded to that size (ProviderMembershipId is not
 * settable by add). The access token's item is the same size whatever its use (its rate limit state is one number).
 *
 * <p>Small scenarios run one after another on one fresh table; add 1000 and update 1000 (journaled, see
 * RELIABILITY.md) on another: moto copies the table per transaction action (ENGINES.md). {@link #REPORT} prints the
 * tables of docs/WRITE-UNITS.md.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class WriteUnitsTest {

    static final int OWN_BYTES = 1000;
    /** The membership's own attributes: its API fields as stored. Every other attribute is the service's. */
    static final Set<String> OWN_FIELDS = Set.of(
            "Id",
            "ChainId",
            "AccountId",
            "LoyaltyProgramId",
            "State",
            "IsPrimary",
            "Points",
            "MembershipNumber",
            "ProviderMembershipId",
            "ExpirationDate",
            "Url",
            "LoyaltyTierId",
            "CreatorProfile",
            "UpdaterProfile",
            "CreatedUtc",
            "UpdatedUtc",
            "ActivityState");

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The kinds of the token items (the partition key's prefix): what authentication and the rate limit write, once
     * per request, as {@link CostScenarios.Result#tokenCalls()} counts them.
     */
    private static final Set<String> TOKEN_KINDS = Set.of("ACCESS_TOKEN", "CLIENT_TOKEN", "RATE");

    private static final String MEMBERSHIP = "MEMBERSHIP";

    /** One measured request. */
    record Measured(String name, List<MeteredCall> calls, DynamoDbCallCounter.Totals requests) {
        Totals totals() {
            return Totals.of(calls);
        }

        /** The items of these kinds the request wrote, as priced. */
        List<ItemUnits> items(Set<String> kinds) {
            return calls.stream()
                    .flatMap(c -> c.items().stream())
                    .filter(i -> kinds.contains(i.kind()))
                    .toList();
        }

        int tokenUnits() {
            return items(TOKEN_KINDS).stream().mapToInt(ItemUnits::total).sum();
        }
    }

    private static final Map<String, Measured> MEASURED = new LinkedHashMap<>();
    private static int urlLength;
    private static long storedBytes;
    private static final List<Long> OWN_SIZES = new ArrayList<>();

    /** A table with the demo tokens, the service on a client with a call counter and the meter. */
    private static final class Bench {
        final DynamoDbClient plain;
        final DynamoDbCallCounter counter = new DynamoDbCallCounter(false);
        final WriteUnitMeter meter;
        final CostScenarios service;

        Bench(DynamoDbEngine engine) {
            plain = engine.newClient();
            meter = new WriteUnitMeter(plain);
            service = CostScenarios.create(plain, engine.newClient(counter, meter), counter, 0);
            // The meter reads every written item before and after each call: a large write takes a few times longer.
            service.allowMillisPerCall(120_000);
            meter.drain();
        }

        Measured measure(String name, String operation, ObjectNode body) {
            meter.drain();
            CostScenarios.Result result = service.post(operation, body);
            assertEquals(200, result.status(), name + ": " + service.lastBody());
            Measured measured = new Measured(name, meter.drain(), result.tally());
            MEASURED.put(name, measured);
            return measured;
        }

        List<String> ids() {
            return service.lastIds();
        }

        Map<String, AttributeValue> stored(String id) {
            return service.stored(id);
        }
    }

    @BeforeAll
    static void measure(DynamoDbEngine engine) {
        Bench small = new Bench(engine);
        // Calibrate the Url so that the own fields are OWN_BYTES: every other own field has a fixed length.
        urlLength = 100;
        small.service.post("add", add(1, false));
        urlLength += OWN_BYTES - ownBytes(small.stored(small.ids().get(0)));

        small.measure("add 1 (non-primary)", "add", add(1, false));
        String id = small.ids().get(0);
        Map<String, AttributeValue> item = small.stored(id);
        OWN_SIZES.add(ownBytes(item));
        storedBytes = ItemSize.of(item);
        small.measure(
                "update Points",
                "update",
                update(List.of(id), "Points", JSON.createObjectNode().put("Value", 20)));
        small.measure(
                "update State",
                "update",
                update(List.of(id), "State", JSON.createObjectNode().put("Value", "Pending")));
        small.measure("delete 1", "delete", delete(List.of(id)));
        small.measure("add 1 primary (account without one)", "add", add(1, true));

        Bench large = new Bench(engine);
        large.measure("add 1000 (journaled)", "add", add(1000, false));
        List<String> thousand = large.ids();
        OWN_SIZES.add(ownBytes(large.stored(thousand.get(0))));
        OWN_SIZES.add(ownBytes(large.stored(thousand.get(999))));
        large.measure(
                "update 1000 Points (journaled)",
                "update",
                update(thousand, "Points", JSON.createObjectNode().put("Value", 20)));
    }

    /** A request's write units: in all, of the access token's check, of table items and of index entries. */
    record Units(int total, int token, int table, int indexes) {
        static Units of(Measured m) {
            Totals t = m.totals();
            return new Units(t.units(), m.tokenUnits(), t.table(), t.indexes());
        }
    }

    /**
     * The "before" baseline of issue 13, which its write-cost changes are measured against: the units of the release
     * before it (commit 9d74bf8), as this test measured them then. Kept, not asserted: {@link #theUnitsNow} is.
     */
    static final Map<String, Units> BEFORE_ISSUE_13 = new LinkedHashMap<>();

    static {
        BEFORE_ISSUE_13.put("add 1 (non-primary)", new Units(23, 3, 7, 16));
        BEFORE_ISSUE_13.put("update Points", new Units(29, 3, 7, 22));
        BEFORE_ISSUE_13.put("update State", new Units(31, 3, 7, 24));
        BEFORE_ISSUE_13.put("delete 1", new Units(39, 3, 7, 32));
        BEFORE_ISSUE_13.put("add 1 primary (account without one)", new Units(25, 3, 9, 16));
        BEFORE_ISSUE_13.put("add 1000 (journaled)", new Units(23_041, 3, 7_041, 16_000));
        BEFORE_ISSUE_13.put("update 1000 Points (journaled)", new Units(52_003, 3, 14_003, 38_000));
    }

    /**
     * Today's units. The token check costs 1 unit instead of 3 (the rate limit's state is one number); index entries
     * hold keys only (1 unit each, and none written where a write leaves the index's keys as they were); a membership
     * written alone is a conditional PutItem, an account's first primary two (no transaction); a large write's journal
     * keeps its parts gzip'd, and its parts of memberships only are applied by single puts (issue 13). A change that
     * moves them
     * updates this table and docs/WRITE-UNITS.md from {@link #report()}'s output.
     */
    @Test
    void theUnitsNow() {
        Map<String, Units> expected = new LinkedHashMap<>();
        expected.put("add 1 (non-primary)", new Units(11, 1, 3, 8));
        expected.put("update Points", new Units(9, 1, 3, 6));
        expected.put("update State", new Units(11, 1, 3, 8));
        expected.put("delete 1", new Units(19, 1, 3, 16));
        expected.put("add 1 primary (account without one)", new Units(12, 1, 4, 8));
        expected.put("add 1000 (journaled)", new Units(10_139, 1, 2_139, 8_000));
        expected.put("update 1000 Points (journaled)", new Units(12_181, 1, 6_181, 6_000));
        Map<String, Units> actual = new LinkedHashMap<>();
        MEASURED.forEach((name, m) -> actual.put(name, Units.of(m)));
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, units) -> {
            Units measured = actual.get(name);
            if (name.endsWith("(journaled)")) {
                // A journal part holds ~98 items gzip'd, random Ids among them: its size, and so its units, move by a
                // few from run to run. Everything else is exact.
                assertEquals(units.token(), measured.token(), name + "\n" + report());
                assertEquals(units.indexes(), measured.indexes(), name + "\n" + report());
                assertEquals(units.table(), measured.table(), 10, name + "\n" + report());
            } else {
                assertEquals(units, measured, name + "\n" + report());
            }
        });
    }

    /**
     * Issue 13, step C: a journal part keeps only what applying needs, gzip'd (it held each item whole, and a replaced
     * one's item before, ~150 KB a part); step D: a large add's memberships are put one by one, not in transactions.
     */
    @Test
    void aLargeWritesJournalIsGzippedAndItsMembershipsArePutAlone() {
        for (String name : List.of("add 1000 (journaled)", "update 1000 Points (journaled)")) {
            Measured large = MEASURED.get(name);
            assertTrue(large.totals().of("JOURNAL") <= 160, name + "\n" + report());
            // Each part written, then deleted: of 98 memberships, a few KB.
            large.items(Set.of("JOURNAL")).forEach(part -> assertTrue(part.total() <= 8, name + ": " + part));
        }
        // 1.5 KB: 2 units at the standard rate; a transaction doubles it.
        MEASURED.get("add 1000 (journaled)")
                .items(Set.of(MEMBERSHIP))
                .forEach(m -> assertEquals(2, m.table(), m.toString()));
    }

    @Test
    void theMembershipIsA1KbOneByItsOwnFields() {
        OWN_SIZES.forEach(size -> assertEquals(OWN_BYTES, size));
        assertTrue(storedBytes > 1024, "with the service's attributes the stored item crosses 1 KB: " + storedBytes);
    }

    @Test
    void anEntryIsOneUnitAndAMembershipWrittenAloneIsNoTransaction() {
        // add 1: one conditional PutItem of the membership (2 KB, no transaction), a put of each index entry: keys
        // only,
        // 1 unit.
        List<ItemUnits> added = MEASURED.get("add 1 (non-primary)").items(Set.of(MEMBERSHIP));
        assertEquals(1, added.size());
        assertEquals(2, added.get(0).table());
        assertEquals(8, added.get(0).indexes().size(), "every index but the provider Id's: " + added.get(0));
        added.get(0).indexes().forEach((index, units) -> assertEquals(1, units, index));
    }

    /**
     * An entry holds the table's keys and its own index's: a write that changes other attributes (Points, Version, the
     * hold's Lock) or another index's key writes no entry; an index whose key changes costs a delete and a put.
     */
    @Test
    void onlyAnIndexWhoseKeyChangesIsWritten() {
        Map<String, Integer> moved = Map.of(
                Index.BY_CHAIN_UPDATED.indexName(), 1 + 1,
                Index.BY_PROGRAM_UPDATED.indexName(), 1 + 1,
                Index.BY_STATE_UPDATED.indexName(), 1 + 1);
        assertEquals(
                moved,
                MEASURED.get("update Points").items(Set.of(MEMBERSHIP)).get(0).indexes(),
                "Points");
        Map<String, Integer> newState = new HashMap<>(moved);
        newState.put(Index.BY_STATE.indexName(), 1 + 1);
        assertEquals(
                newState,
                MEASURED.get("update State").items(Set.of(MEMBERSHIP)).get(0).indexes(),
                "State");
        // 1000 held (Lock set), written, released (Lock removed): only the update-ordered entries move.
        assertEquals(
                Map.of(
                        Index.BY_CHAIN_UPDATED.indexName(), 2_000,
                        Index.BY_PROGRAM_UPDATED.indexName(), 2_000,
                        Index.BY_STATE_UPDATED.indexName(), 2_000),
                MEASURED.get("update 1000 Points (journaled)").totals().byIndex(),
                "update 1000: a hold writes no entry");
    }

    @Test
    void everyRequestWritesOneTokenItem() {
        MEASURED.forEach((name, m) -> {
            assertEquals(1, m.items(TOKEN_KINDS).size(), name + ": " + m.calls());
            assertEquals(Map.of(), m.items(TOKEN_KINDS).get(0).indexes(), name + ": a token item has no index entry");
        });
    }

    @Test
    void printTheReport() {
        System.out.println(report());
    }

    /** The markdown of docs/WRITE-UNITS.md. */
    static String report() {
        StringBuilder out = new StringBuilder();
        out.append("A 1 KB membership: own fields ")
                .append(OWN_BYTES)
                .append(" bytes, stored item ")
                .append(storedBytes)
                .append(" bytes.\n\n");
        Set<String> kinds = new TreeSet<>();
        Set<String> indexes = new TreeSet<>();
        MEASURED.values().forEach(m -> {
            kinds.addAll(m.totals().byKind().keySet());
            indexes.addAll(m.totals().byIndex().keySet());
        });
        kinds.removeAll(TOKEN_KINDS);
        out.append(
                        "| Request | DynamoDB requests | Write units | Before issue 13 | Now / before | Token check | Table items |"
                                + " Index entries | ")
                .append(String.join(" | ", kinds))
                .append(" |\n|---|---|---:|---:|---:|---:|---:|---:|")
                .append("---:|".repeat(kinds.size()))
                .append('\n');
        MEASURED.forEach((name, m) -> {
            Totals t = m.totals();
            out.append("| ")
                    .append(name)
                    .append(" | ")
                    .append(m.requests().requestsText())
                    .append(" | **")
                    .append(t.units())
                    .append("** | ")
                    .append(BEFORE_ISSUE_13.get(name).total())
                    .append(" | ×")
                    .append(String.format(
                            Locale.ROOT,
                            "%.2f",
                            (double) t.units() / BEFORE_ISSUE_13.get(name).total()))
                    .append(" | ")
                    .append(m.tokenUnits())
                    .append(" | ")
                    .append(t.table())
                    .append(" | ")
                    .append(t.indexes())
                    .append(" | ")
                    .append(kinds.stream().map(k -> Integer.toString(t.of(k))).collect(Collectors.joining(" | ")))
                    .append(" |\n");
        });
        out.append("\nIndex entries, by index:\n\n| Request | ")
                .append(String.join(" | ", indexes))
                .append(" |\n|---|")
                .append("---:|".repeat(indexes.size()))
                .append('\n');
        MEASURED.forEach((name, m) -> out.append("| ")
                .append(name)
                .append(" | ")
                .append(indexes.stream()
                        .map(i -> Integer.toString(m.totals().byIndex().getOrDefault(i, 0)))
                        .collect(Collectors.joining(" | ")))
                .append(" |\n"));
        return out.toString();
    }

    // ---- requests ----

    private static ObjectNode auth() {
        return JSON.createObjectNode()
                .put("ClientToken", DemoTokens.CLIENT_TOKEN)
                .put("AccessToken", DemoTokens.PORTFOLIO_ACCESS_TOKEN)
                .put("Client", "loyalty-write-units");
    }

    private static int numbered;

    /** {@code n} 1 KB memberships of new accounts. */
    private static ObjectNode add(int n, boolean primary) {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            items.addObject()
                    .put("AccountId", UUID.randomUUID().toString())
                    .put("LoyaltyProgramId", CostScenarios.PROGRAM.toString())
                    .put("IsPrimary", primary)
                    .put("State", "Enrolled")
                    .put("MembershipNumber", String.format("MBR-%08d", numbered++))
                    .put("Points", 10)
                    .put("ExpirationDate", "2030-06-30T00:00:00Z")
                    .put("Url", "https://rewards.example.com/member/" + "x".repeat(urlLength))
                    .put("LoyaltyTierId", UUID.randomUUID().toString());
        }
        return auth().put("ChainId", CostScenarios.CHAIN.toString()).set("LoyaltyMemberships", items);
    }

    private static ObjectNode update(List<String> ids, String field, ObjectNode value) {
        ArrayNode updates = JSON.createArrayNode();
        ids.forEach(id -> updates.addObject().put("LoyaltyMembershipId", id).set(field, value));
        return auth().put("ChainId", CostScenarios.CHAIN.toString()).set("LoyaltyMembershipUpdates", updates);
    }

    private static ObjectNode delete(List<String> ids) {
        ArrayNode array = JSON.createArrayNode();
        ids.forEach(array::add);
        return auth().put("ChainId", CostScenarios.CHAIN.toString()).set("LoyaltyMembershipIds", array);
    }

    private static long ownBytes(Map<String, AttributeValue> item) {
        return ItemSize.of(item.entrySet().stream()
                .filter(e -> OWN_FIELDS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
