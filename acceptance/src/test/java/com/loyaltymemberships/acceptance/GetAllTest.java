package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_B;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.membership.MembershipIds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SPEC §4: every filter alone and combined, both orders, intervals, paging with the Cursor, deleted
 * memberships, and the merge of a portfolio's chains. One data set, built once:
 * <pre>
 * chain A: a0..a5 (a0 oldest), accounts X (a0, a1, a2) and Y (a3, a4, a5), programs P (even) and Q (odd)
 * chain B: b0..b2, account X, program P
 * a2 and b1 are deleted; a1 has provider Id PRV-1 and was updated last; numbers N-{name}.
 * </pre>
 */
@ExtendWith(DynamoDbEngineExtension.class)
class GetAllTest {

    private static final UUID X = UUID.randomUUID();
    private static final UUID Y = UUID.randomUUID();
    private static final UUID P = UUID.randomUUID();
    private static final UUID Q = UUID.randomUUID();

    private static TestApi api;
    private static final List<String> a = new ArrayList<>();
    private static final List<String> b = new ArrayList<>();
    private static Instant beforeA3;
    private static Instant beforeUpdate;
    private static Instant afterAll;

    @BeforeAll
    static void data(DynamoDbClient dynamoDb) throws InterruptedException {
        api = TestApi.create(dynamoDb);
        String[] states = {"New", "Pending", "Enrolled", "Canceled", "Declined", "Enrolled"};
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                beforeA3 = pause();
            }
            a.add(api.add(
                            PORTFOLIO_ACCESS_TOKEN,
                            CHAIN_A,
                            item(i < 3 ? X : Y, i % 2 == 0 ? P : Q, false)
                                    .put("State", states[i])
                                    .put("MembershipNumber", "N-a" + i))
                    .get(0)
                    .get("Id")
                    .asText());
            if (i < 3) {
                b.add(api.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_B, item(X, P, false).put("MembershipNumber", "N-b" + i))
                        .get(0)
                        .get("Id")
                        .asText());
            }
        }
        api.delete(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, a.get(2));
        api.delete(PORTFOLIO_ACCESS_TOKEN, CHAIN_B, b.get(1));
        beforeUpdate = pause();
        api.setProviderId(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, a.get(1), "PRV-1");
        afterAll = pause();
    }

    /** A clear millisecond boundary between writes. */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(5);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(5);
        return now;
    }

    private static List<String> get(ObjectNode properties) {
        return ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, properties).memberships());
    }

    private static ObjectNode with(String name, Object... values) {
        ObjectNode properties = props();
        properties.set(name, array(values));
        return properties;
    }

    private static List<String> newestFirst(String... ids) {
        return List.of(ids).stream().sorted(Comparator.reverseOrder()).toList();
    }

    private static ObjectNode interval(Instant start, Instant end) {
        return TestApi.JSON.createObjectNode().put("StartUtc", start.toString()).put("EndUtc", end.toString());
    }

    @Test
    void listsActiveMembershipsOfEveryChainNewestFirst() {
        List<String> all = get(props());
        assertEquals(List.of(a.get(5), a.get(4), a.get(3), b.get(2), a.get(1), b.get(0), a.get(0)), all);
        assertEquals(newestFirst(all.toArray(String[]::new)), all, "creation order is Id order, descending");
    }

    @Test
    void deletedOnesOnlyWhenAskedForAndStillFiltered() {
        assertEquals(
                List.of(a.get(2), b.get(1)).stream()
                        .sorted(Comparator.reverseOrder())
                        .toList(),
                get(with("ActivityStates", "Deleted")));
        assertEquals(9, get(with("ActivityStates", "Active", "Deleted")).size(), "all nine");
        ObjectNode deletedOfA = with("ActivityStates", "Deleted");
        deletedOfA.set("ChainIds", array(CHAIN_A));
        assertEquals(List.of(a.get(2)), get(deletedOfA));
        ObjectNode deletedOfY = with("ActivityStates", "Deleted");
        deletedOfY.set("AccountIds", array(Y));
        assertEquals(List.of(), get(deletedOfY));
    }

    @Test
    void filtersByIds() {
        String unknown = UUID.randomUUID().toString();
        assertEquals(
                List.of(a.get(4), a.get(1)),
                get(with("LoyaltyMembershipIds", a.get(1), a.get(4).toUpperCase(), unknown, a.get(2))));
        ObjectNode deleted = with("LoyaltyMembershipIds", a.get(1), a.get(2));
        deleted.set("ActivityStates", array("Deleted"));
        assertEquals(List.of(a.get(2)), get(deleted));
    }

    @Test
    void filtersByAccountsProgramsAndStates() {
        assertEquals(List.of(a.get(5), a.get(4), a.get(3)), get(with("AccountIds", Y)));
        assertEquals(List.of(b.get(2), a.get(1), b.get(0), a.get(0)), get(with("AccountIds", X)));
        assertEquals(List.of(a.get(5), a.get(3), a.get(1)), get(with("LoyaltyProgramIds", Q)));
        assertEquals(List.of(a.get(5), b.get(2), b.get(0)), get(with("MembershipStates", "Enrolled")));
        assertEquals(
                List.of(a.get(4), a.get(3), a.get(0)), get(with("MembershipStates", "New", "Canceled", "Declined")));
    }

    @Test
    void filtersByMembershipNumbersCodesAndProviderIds() {
        assertEquals(List.of(a.get(4), a.get(0)), get(with("MembershipNumbers", "N-a0", "N-a4", "nope")));
        assertEquals(List.of(a.get(4), a.get(0)), get(with("Codes", "N-a0", "N-a4")));
        ObjectNode union = with("MembershipNumbers", "N-a0");
        union.set("Codes", array("N-b2"));
        assertEquals(List.of(b.get(2), a.get(0)), get(union));
        assertEquals(List.of(a.get(1)), get(with("ProviderMembershipIds", "PRV-1")));
        assertEquals(List.of(), get(with("ProviderMembershipIds", "PRV-2")));
    }

    @Test
    void combinesFiltersWithAndAcrossAndOrWithin() {
        ObjectNode query = with("AccountIds", X, Y);
        query.set("LoyaltyProgramIds", array(P));
        query.set("MembershipStates", array("Enrolled", "New"));
        query.set("ChainIds", array(CHAIN_A));
        assertEquals(List.of(a.get(0)), get(query));
        ObjectNode none = with("MembershipNumbers", "N-a0");
        none.set("LoyaltyProgramIds", array(Q));
        assertEquals(List.of(), get(none));
        ObjectNode emptyArrays = with("AccountIds");
        emptyArrays.set("MembershipStates", array());
        assertEquals(get(props()), get(emptyArrays), "an empty array is no filter");
    }

    @Test
    void filtersByCreationInterval() {
        ObjectNode created = props();
        created.set("CreatedUtc", interval(beforeA3, afterAll));
        assertEquals(List.of(a.get(5), a.get(4), a.get(3)), get(created));
        created.set("CreatedUtc", interval(beforeA3.minus(1, ChronoUnit.DAYS), beforeA3));
        assertEquals(List.of(b.get(2), a.get(1), b.get(0), a.get(0)), get(created));
        created.set("CreatedUtc", interval(afterAll, afterAll.plusSeconds(60)));
        assertEquals(List.of(), get(created));
    }

    @Test
    void anIntervalWhoseEndsAreEqualSelectsThatInstant() {
        JsonNode m = api.getAll(PORTFOLIO_ACCESS_TOKEN, with("LoyaltyMembershipIds", a.get(3)))
                .memberships()
                .get(0);
        Instant created = createdOf(m.get("Id").asText());
        ObjectNode exact = props();
        exact.set("CreatedUtc", interval(created, created));
        assertTrue(get(exact).contains(a.get(3)));
        exact.set("CreatedUtc", interval(created.plusMillis(1), created.plusMillis(1)));
        assertFalse(get(exact).contains(a.get(3)));
        exact.set("CreatedUtc", interval(created.minusMillis(1), created));
        assertFalse(get(exact).contains(a.get(3)), "EndUtc is exclusive");
    }

    /** Our Ids are UUID version 7: their first 48 bits are the creation time in milliseconds. */
    private static Instant createdOf(String id) {
        return Instant.ofEpochMilli(UUID.fromString(id).getMostSignificantBits() >>> 16);
    }

    @Test
    void filtersAndOrdersByUpdateTime() {
        ObjectNode updated = props();
        updated.set("UpdatedUtc", interval(beforeUpdate, afterAll));
        assertEquals(List.of(a.get(1)), get(updated));

        updated.set("UpdatedUtc", interval(beforeA3.minus(1, ChronoUnit.DAYS), afterAll));
        List<String> byUpdate = get(updated);
        assertEquals(a.get(1), byUpdate.get(0), "the last updated comes first");
        assertEquals(List.of(a.get(1), a.get(5), a.get(4), a.get(3), b.get(2), b.get(0), a.get(0)), byUpdate);

        updated.set("ActivityStates", array("Deleted"));
        assertEquals(List.of(b.get(1), a.get(2)), get(updated), "deleting is an update; b1 was deleted after a2");

        ObjectNode newOnes = props();
        newOnes.set("UpdatedUtc", interval(beforeA3, beforeUpdate));
        newOnes.set("AccountIds", array(Y));
        assertEquals(
                List.of(a.get(5), a.get(4), a.get(3)),
                get(newOnes),
                "a new membership's update time is its creation time");
    }

    @Test
    void badIntervalsAreRejected() {
        ObjectNode tooLong = props();
        tooLong.set(
                "UpdatedUtc",
                interval(Instant.parse("2022-01-01T00:00:00Z"), Instant.parse("2022-04-01T00:00:00.001Z")));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, tooLong).assertError(400, "Invalid UpdatedUtc");
        ObjectNode reversed = props();
        reversed.set("CreatedUtc", interval(afterAll, beforeA3));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, reversed).assertError(400, "Invalid CreatedUtc");
    }

    @Test
    void filtersByProgramsAndStatesInUpdateOrder() {
        ObjectNode byProgram = with("LoyaltyProgramIds", Q);
        byProgram.set("UpdatedUtc", interval(beforeA3.minus(1, ChronoUnit.DAYS), afterAll));
        assertEquals(List.of(a.get(1), a.get(5), a.get(3)), get(byProgram), "a1 was updated last");
        byProgram.set("LoyaltyProgramIds", array(P));
        byProgram.set("ActivityStates", array("Deleted"));
        assertEquals(List.of(b.get(1), a.get(2)), get(byProgram), "b1 was deleted after a2");

        ObjectNode byState = with("MembershipStates", "Enrolled", "Pending");
        byState.set("UpdatedUtc", interval(beforeA3.minus(1, ChronoUnit.DAYS), afterAll));
        assertEquals(List.of(a.get(1), a.get(5), b.get(2), b.get(0)), get(byState));
        byState.set("UpdatedUtc", interval(beforeUpdate, afterAll));
        assertEquals(List.of(a.get(1)), get(byState));

        ObjectNode both = with("LoyaltyProgramIds", P);
        both.set("MembershipStates", array("Enrolled"));
        both.set("UpdatedUtc", interval(beforeA3.minus(1, ChronoUnit.DAYS), afterAll));
        assertEquals(List.of(b.get(2), b.get(0)), get(both));
    }

    @Test
    void pagesInUpdateOrderByProgramWithTheCursor() {
        ObjectNode byProgram = with("LoyaltyProgramIds", P, Q);
        byProgram.set("UpdatedUtc", interval(beforeA3.minus(1, ChronoUnit.DAYS), afterAll));
        List<String> all = get(byProgram);
        assertEquals(7, all.size());
        List<String> walked = new ArrayList<>();
        String cursor = null;
        while (true) {
            byProgram.set(
                    "Limitation", cursor == null ? limitation(2) : limitation(2).put("Cursor", cursor));
            List<String> ids = get(byProgram);
            walked.addAll(ids);
            if (ids.size() < 2) {
                break;
            }
            cursor = ids.get(ids.size() - 1);
        }
        assertEquals(all, walked);
    }

    @Test
    void pagesWithTheCursor() {
        List<String> all = get(props());
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        while (true) {
            ObjectNode properties = props();
            ObjectNode limitation = limitation(3);
            if (cursor != null) {
                limitation.put("Cursor", cursor);
            }
            properties.set("Limitation", limitation);
            JsonNode page = api.getAll(PORTFOLIO_ACCESS_TOKEN, properties).json();
            pages++;
            List<String> ids = ids(page.get("LoyaltyMemberships"));
            walked.addAll(ids);
            if (ids.isEmpty()) {
                assertTrue(page.get("Cursor").isNull(), "an empty page has a null Cursor");
                break;
            }
            assertEquals(ids.get(ids.size() - 1), page.get("Cursor").asText());
            cursor = page.get("Cursor").asText();
            if (ids.size() < 3) {
                break;
            }
        }
        assertEquals(all, walked);
        assertEquals(3, pages);
    }

    @Test
    void theCursorMayBeDeletedOrOutsideTheFilters() {
        ObjectNode afterDeleted = props();
        afterDeleted.set("Limitation", limitation(10).put("Cursor", a.get(2)));
        assertEquals(List.of(a.get(1), b.get(0), a.get(0)), get(afterDeleted));

        ObjectNode afterOtherAccount = with("AccountIds", X);
        afterOtherAccount.set("Limitation", limitation(10).put("Cursor", a.get(4)));
        assertEquals(List.of(b.get(2), a.get(1), b.get(0), a.get(0)), get(afterOtherAccount));

        ObjectNode updateOrder = props();
        updateOrder.set("UpdatedUtc", interval(beforeA3.minus(1, ChronoUnit.DAYS), afterAll));
        updateOrder.set("Limitation", limitation(2).put("Cursor", a.get(5)));
        assertEquals(List.of(a.get(4), a.get(3)), get(updateOrder));
    }

    @Test
    void aCursorThatIsNotAMembershipInScopeIsInvalid() {
        ObjectNode unknown = props();
        unknown.set("Limitation", limitation(10).put("Cursor", UUID.randomUUID().toString()));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, unknown).assertError(400, "Invalid Cursor");
        ObjectNode otherChain = props();
        otherChain.set("Limitation", limitation(10).put("Cursor", b.get(0)));
        api.getAll(CHAIN_A_ACCESS_TOKEN, otherChain).assertError(400, "Invalid Cursor");
        otherChain.set("ChainIds", array(CHAIN_A));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, otherChain).assertError(400, "Invalid Cursor");
    }

    /**
     * In creation order the page's Query is bounded by the cursor without reading it first; a cursor the Query does not
     * meet is read by key after it. Whichever way the page went, only a membership in scope is a valid cursor.
     */
    @Test
    void aCursorIsCheckedWhicheverWayThePageIsRead() {
        ObjectNode afterTheWindow = props();
        afterTheWindow.set("CreatedUtc", interval(beforeA3, afterAll));
        afterTheWindow.set("Limitation", limitation(10).put("Cursor", a.get(0)));
        assertEquals(List.of(), get(afterTheWindow), "a0 is older than the window: nothing comes after it");
        String ghost = new MembershipIds(Clock.fixed(beforeA3.minus(1, ChronoUnit.DAYS), ZoneOffset.UTC))
                .next()
                .toString();
        afterTheWindow.set("Limitation", limitation(10).put("Cursor", ghost));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, afterTheWindow).assertError(400, "Invalid Cursor");

        ObjectNode ghostInTheListing = props();
        ghostInTheListing.set(
                "Limitation",
                limitation(10)
                        .put(
                                "Cursor",
                                new MembershipIds(Clock.systemUTC()).next().toString()));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, ghostInTheListing).assertError(400, "Invalid Cursor");

        ObjectNode byIds = with("LoyaltyMembershipIds", a.get(0), b.get(0));
        byIds.set("Limitation", limitation(10).put("Cursor", b.get(0)));
        assertEquals(List.of(a.get(0)), get(byIds));
        byIds.set("ChainIds", array(CHAIN_A));
        api.getAll(PORTFOLIO_ACCESS_TOKEN, byIds).assertError(400, "Invalid Cursor");
    }

    @Test
    void countLimitsThePage() {
        ObjectNode one = props();
        one.set("Limitation", limitation(1));
        assertEquals(List.of(a.get(5)), get(one));
        ObjectNode filtered = with("LoyaltyMembershipIds", a.get(0), a.get(1), a.get(3));
        filtered.set("Limitation", limitation(2));
        assertEquals(List.of(a.get(3), a.get(1)), get(filtered));
        filtered.set("Limitation", limitation(2).put("Cursor", a.get(1)));
        assertEquals(List.of(a.get(0)), get(filtered));
    }

    @Test
    void aClientPagingWhileOthersWriteSeesEveryMembershipOnce() {
        TestApi isolated = TestApi.create(api.dynamoDb);
        Set<String> atStart = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            atStart.add(isolated.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), P, false))
                    .get(0)
                    .get("Id")
                    .asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; ; page++) {
            ObjectNode properties = props();
            properties.set(
                    "Limitation", cursor == null ? limitation(4) : limitation(4).put("Cursor", cursor));
            List<String> ids =
                    ids(isolated.getAll(CHAIN_A_ACCESS_TOKEN, properties).memberships());
            seen.addAll(ids);
            // Meanwhile: new memberships arrive, and one already seen is updated.
            isolated.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), P, false));
            if (ids.size() < 4) {
                break;
            }
            cursor = ids.get(ids.size() - 1);
            ObjectNode update = body(CHAIN_A_ACCESS_TOKEN);
            update.set(
                    "LoyaltyMembershipUpdates",
                    array(TestApi.JSON
                            .createObjectNode()
                            .put("LoyaltyMembershipId", ids.get(0))
                            .set("Points", wrapped(page))));
            assertEquals(200, isolated.post("update", update).status());
        }
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no membership twice");
        assertTrue(seen.containsAll(atStart), "every membership that existed at the start");
        assertEquals(atStart, seen.stream().filter(atStart::contains).collect(Collectors.toSet()));
    }
}
