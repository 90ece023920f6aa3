package com.loyaltymemberships.membership;

import static com.loyaltymemberships.testing.Rules.OTHER;
import static com.loyaltymemberships.testing.Rules.OTHER_PROGRAM;
import static com.loyaltymemberships.testing.Rules.SINGLE;
import static com.loyaltymemberships.testing.Rules.badRequest;
import static com.loyaltymemberships.testing.Rules.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.testing.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4 getAll filters: each filter, AND across properties, OR within one, an empty array is absent, ActivityStates
 * defaults to Active, deleted memberships obey every other filter, Codes is an alias of MembershipNumbers (union),
 * half-open time windows. Answers are compared as whole lists, so order is checked too (newest first).
 */
class GetAllFiltersTest {

    private static final UUID A = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
    private static final UUID B = UUID.fromString("bccdafd1-3e44-439d-861f-341526b597a9");

    private final Rules rules = new Rules();
    private String m1;
    private String m2;
    private String m3;
    private Instant t1;
    private Instant t2;
    private Instant t3;
    private Instant t4;

    @BeforeEach
    void threeMembershipsOfTheChainAndOneOfAnother() {
        t1 = rules.clock.instant();
        m1 = rules.addOne(SINGLE, A, "\"MembershipNumber\": \"N1\"").id();
        rules.clock.advance(Duration.ofMinutes(1));
        t2 = rules.clock.instant();
        m2 = rules.addOne(
                        SINGLE,
                        B,
                        "\"LoyaltyProgramId\": \"" + OTHER_PROGRAM
                                + "\", \"State\": \"Pending\", \"MembershipNumber\": \"N2\"")
                .id();
        rules.update(
                SINGLE,
                "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + m2
                        + "\", \"ProviderMembershipId\": {\"Value\": \"PRV-2\"}}]}");
        rules.clock.advance(Duration.ofMinutes(1));
        t3 = rules.clock.instant();
        m3 = rules.addOne(SINGLE, A, "\"LoyaltyProgramId\": \"" + OTHER_PROGRAM + "\", \"State\": \"Canceled\"")
                .id();
        rules.delete(SINGLE, "{\"LoyaltyMembershipIds\": [\"" + m3 + "\"]}");
        rules.clock.advance(Duration.ofMinutes(1));
        t4 = rules.clock.instant();
        rules.addOne(OTHER, A, "\"MembershipNumber\": \"N1\"");
        // The chain's m1 is updated last: it leads in update order.
        rules.update(
                SINGLE,
                "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + m1
                        + "\", \"Points\": {\"Value\": 1}}]}");
    }

    private List<String> getAll(String filters) {
        return ids(rules.getAll(
                SINGLE, "{" + filters + (filters.isEmpty() ? "" : ", ") + "\"Limitation\": {\"Count\": 100}}"));
    }

    private static String window(Instant start, Instant end) {
        return "{\"StartUtc\": \"" + start + "\", \"EndUtc\": \"" + end + "\"}";
    }

    @Test
    void section4_activityStatesDefaultsToActive_deletedOnlyWhenAsked() {
        assertEquals(List.of(m2, m1), getAll(""));
        assertEquals(List.of(m2, m1), getAll("\"ActivityStates\": [\"Active\"]"));
        assertEquals(List.of(m3), getAll("\"ActivityStates\": [\"Deleted\"]"));
        assertEquals(List.of(m3, m2, m1), getAll("\"ActivityStates\": [\"Deleted\", \"Active\"]"));
    }

    @Test
    void section4_eachFilterAlone() {
        assertEquals(
                List.of(m1),
                getAll("\"LoyaltyMembershipIds\": [\"" + m1 + "\", \"" + m3 + "\", \"" + UUID.randomUUID() + "\"]"));
        assertEquals(List.of(m1), getAll("\"AccountIds\": [\"" + A + "\"]"));
        assertEquals(List.of(m2), getAll("\"LoyaltyProgramIds\": [\"" + OTHER_PROGRAM + "\"]"));
        assertEquals(List.of(m2), getAll("\"MembershipStates\": [\"Pending\"]"));
        assertEquals(List.of(m1), getAll("\"MembershipNumbers\": [\"N1\"]"));
        assertEquals(List.of(m2), getAll("\"Codes\": [\"N2\"]"));
        assertEquals(List.of(m2), getAll("\"ProviderMembershipIds\": [\"PRV-2\"]"));
        assertEquals(List.of(), getAll("\"ProviderMembershipIds\": [\"PRV-1\"]"));
    }

    @Test
    void section4_orWithinOneFilter_andCodesIsAUnionWithMembershipNumbers() {
        assertEquals(List.of(m2, m1), getAll("\"AccountIds\": [\"" + A + "\", \"" + B + "\"]"));
        assertEquals(List.of(m2, m1), getAll("\"MembershipStates\": [\"Pending\", \"Enrolled\"]"));
        assertEquals(List.of(m2, m1), getAll("\"MembershipNumbers\": [\"N1\"], \"Codes\": [\"N2\"]"));
    }

    @Test
    void section4_andAcrossFilters() {
        assertEquals(
                List.of(m1),
                getAll("\"AccountIds\": [\"" + A + "\", \"" + B + "\"], \"MembershipStates\": [\"Enrolled\"]"));
        assertEquals(
                List.of(),
                getAll("\"AccountIds\": [\"" + A + "\"], \"LoyaltyProgramIds\": [\"" + OTHER_PROGRAM + "\"]"));
        assertEquals(
                List.of(m3),
                getAll("\"AccountIds\": [\"" + A + "\"], \"LoyaltyProgramIds\": [\"" + OTHER_PROGRAM + "\"],"
                        + " \"ActivityStates\": [\"Active\", \"Deleted\"]"));
    }

    @Test
    void section4_anEmptyArrayIsTheSameAsAnAbsentFilter() {
        assertEquals(
                List.of(m2, m1),
                getAll(
                        "\"AccountIds\": [], \"LoyaltyProgramIds\": [], \"MembershipStates\": [],"
                                + " \"MembershipNumbers\": [], \"Codes\": [], \"ProviderMembershipIds\": [], \"LoyaltyMembershipIds\": [], \"ActivityStates\": []"));
    }

    @Test
    void section4_deletedMembershipsStillObeyEveryOtherFilter() {
        assertEquals(List.of(), getAll("\"ActivityStates\": [\"Deleted\"], \"AccountIds\": [\"" + B + "\"]"));
        assertEquals(List.of(), getAll("\"ActivityStates\": [\"Deleted\"], \"MembershipStates\": [\"Enrolled\"]"));
        assertEquals(List.of(m3), getAll("\"ActivityStates\": [\"Deleted\"], \"MembershipStates\": [\"Canceled\"]"));
    }

    @Test
    void section4_createdUtcIsHalfOpen_andStartEqualToEndMeansThatInstant() {
        assertEquals(List.of(m1), getAll("\"CreatedUtc\": " + window(t1, t2)));
        assertEquals(List.of(m2, m1), getAll("\"CreatedUtc\": " + window(t1, t3)));
        assertEquals(List.of(m2), getAll("\"CreatedUtc\": " + window(t2, t2)));
        assertEquals(List.of(m3), getAll("\"CreatedUtc\": " + window(t3, t3) + ", \"ActivityStates\": [\"Deleted\"]"));
    }

    @Test
    void section4_updatedUtcWindowsTheLastUpdateTime_aNewMembershipMatchesAroundItsCreation() {
        assertEquals(List.of(m2), getAll("\"UpdatedUtc\": " + window(t2, t3)));
        // m1 was created at t1 but last updated at t4.
        assertEquals(List.of(), getAll("\"UpdatedUtc\": " + window(t1, t2)));
        assertEquals(List.of(m1), getAll("\"UpdatedUtc\": " + window(t4, t4)));
        assertEquals(List.of(m3), getAll("\"UpdatedUtc\": " + window(t3, t4) + ", \"ActivityStates\": [\"Deleted\"]"));
    }

    @Test
    void section4_badIntervalsAre400() {
        badRequest("Invalid CreatedUtc", () -> getAll("\"CreatedUtc\": " + window(t2, t1)));
        badRequest("Invalid UpdatedUtc", () -> getAll("\"UpdatedUtc\": " + window(t1, t1.plus(Duration.ofDays(93)))));
    }

    @Test
    void section4_countBoundsThePage() {
        List<MembershipView> one =
                rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 1}}").loyaltyMemberships();
        assertEquals(List.of(m2), one.stream().map(MembershipView::id).toList());
        badRequest("Invalid Count", () -> rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 0}}"));
        badRequest("Invalid Count", () -> rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 1001}}"));
        badRequest("Invalid Limitation", () -> rules.getAll(SINGLE, "{}"));
    }
}
