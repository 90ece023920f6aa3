package com.loyaltymemberships.membership;

import static com.loyaltymemberships.testing.Rules.CHAIN;
import static com.loyaltymemberships.testing.Rules.OTHER;
import static com.loyaltymemberships.testing.Rules.PORTFOLIO;
import static com.loyaltymemberships.testing.Rules.SINGLE;
import static com.loyaltymemberships.testing.Rules.badRequest;
import static com.loyaltymemberships.testing.Rules.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.testing.Interleaving;
import com.loyaltymemberships.testing.Rules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8, primary membership: an account has at most one primary membership per chain among its active memberships;
 * making one primary (add or update) makes the previous one non-primary, which counts as an update of it; one request
 * making two memberships of one account primary is {@code 400 Invalid IsPrimary}.
 */
class PrimaryRuleTest {

    private static final UUID ACCOUNT = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
    private static final UUID OTHER_ACCOUNT = UUID.fromString("bccdafd1-3e44-439d-861f-341526b597a9");

    private final Rules rules = new Rules();

    /** The account's active primaries in the chain, read back as a client would (getAll by account). */
    private List<String> primaries(UUID chain, UUID account) {
        return rules
                .getAll(
                        chain.equals(CHAIN) ? SINGLE : OTHER,
                        "{\"AccountIds\": [\"" + account + "\"], \"Limitation\": {\"Count\": 1000}}")
                .loyaltyMemberships()
                .stream()
                .filter(MembershipView::isPrimary)
                .map(MembershipView::id)
                .toList();
    }

    @Test
    void section8_addingAPrimaryDemotesThePreviousPrimary() {
        MembershipView first = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        rules.clock.advance(Duration.ofSeconds(5));
        MembershipView second = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");

        assertTrue(second.isPrimary());
        assertEquals(List.of(second.id()), primaries(CHAIN, ACCOUNT));
        assertFalse(rules.stored(first).primary());
        assertEquals(
                Map.of(ACCOUNT, UUID.fromString(second.id())), rules.store.primaryPointers(CHAIN, Set.of(ACCOUNT)));
    }

    @Test
    void section8_theDemotionCountsAsAnUpdateOfThePreviousPrimary() {
        MembershipView first = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        Membership before = rules.stored(first);
        rules.clock.advance(Duration.ofSeconds(5));
        rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");

        Membership after = rules.stored(first);
        assertEquals(before.version() + 1, after.version());
        assertEquals(rules.clock.instant(), after.updatedUtc());
        assertEquals(Profile.INTEGRATION, after.updaterProfile());
        // So it is found by an UpdatedUtc window around the demotion.
        String window = "{\"UpdatedUtc\": {\"StartUtc\": \"" + rules.clock.instant() + "\", \"EndUtc\": \""
                + rules.clock.instant() + "\"}, \"Limitation\": {\"Count\": 10}}";
        assertTrue(Rules.ids(rules.getAll(SINGLE, window)).contains(first.id()));
    }

    @Test
    void section8_updatingAMembershipToPrimaryDemotesThePreviousPrimary() {
        MembershipView first = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        MembershipView second = rules.addOne(SINGLE, ACCOUNT, "");
        rules.clock.advance(Duration.ofSeconds(1));

        MembershipView updated = rules.update(
                        SINGLE,
                        "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + second.id()
                                + "\", \"IsPrimary\": {\"Value\": true}}]}")
                .loyaltyMemberships()
                .get(0);

        assertTrue(updated.isPrimary());
        assertEquals(List.of(second.id()), primaries(CHAIN, ACCOUNT));
        assertFalse(rules.stored(first).primary());
    }

    @Test
    void section8_twoPrimariesOfOneAccountInOneRequestIs400AndWritesNothing() {
        rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        String body = "{\"LoyaltyMemberships\": [" + item(ACCOUNT, "\"IsPrimary\": true") + ", "
                + item(OTHER_ACCOUNT, "") + ", " + item(ACCOUNT, "\"IsPrimary\": true") + "]}";
        String message = badRequest("Invalid IsPrimary", () -> rules.add(SINGLE, body));
        assertTrue(message.contains("LoyaltyMemberships[2]"), message);
        assertEquals(
                1,
                rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 100}}")
                        .loyaltyMemberships()
                        .size());
    }

    @Test
    void section8_twoPrimariesOfOneAccountInOneUpdateIs400() {
        MembershipView a = rules.addOne(SINGLE, ACCOUNT, "");
        MembershipView b = rules.addOne(SINGLE, ACCOUNT, "");
        badRequest(
                "Invalid IsPrimary",
                () -> rules.update(
                        SINGLE,
                        "{\"LoyaltyMembershipUpdates\": ["
                                + "{\"LoyaltyMembershipId\": \"" + a.id() + "\", \"IsPrimary\": {\"Value\": true}},"
                                + "{\"LoyaltyMembershipId\": \"" + b.id() + "\", \"IsPrimary\": {\"Value\": true}}]}"));
        assertEquals(List.of(), primaries(CHAIN, ACCOUNT));
    }

    @Test
    void section8_primariesOfDifferentAccountsInOneRequestAreIndependent() {
        MembershipView old = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        List<MembershipView> added = rules.add(
                        SINGLE, "{\"LoyaltyMemberships\": [" + item(OTHER_ACCOUNT, "\"IsPrimary\": true") + "]}")
                .loyaltyMemberships();
        assertTrue(rules.stored(old).primary());
        assertEquals(List.of(added.get(0).id()), primaries(CHAIN, OTHER_ACCOUNT));
    }

    @Test
    void section8_theRuleIsPerChain() {
        MembershipView inChain = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        MembershipView inOther = rules.addOne(OTHER, ACCOUNT, "\"IsPrimary\": true");
        assertTrue(rules.stored(inChain).primary());
        assertTrue(rules.stored(inOther).primary());
        // Through a portfolio token too: a write acts on its ChainId only.
        rules.add(
                PORTFOLIO,
                "{\"ChainId\": \"" + CHAIN + "\", \"LoyaltyMemberships\": [" + item(ACCOUNT, "\"IsPrimary\": true")
                        + "]}");
        assertFalse(rules.stored(inChain).primary());
        assertTrue(rules.stored(inOther).primary());
    }

    @Test
    void section8_aDeletedPrimaryIsNotAPrimaryAndIsNotDemotedLater() {
        MembershipView first = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        rules.delete(SINGLE, "{\"LoyaltyMembershipIds\": [\"" + first.id() + "\"]}");
        long versionAfterDelete = rules.stored(first).version();
        assertEquals(Map.of(), rules.store.primaryPointers(CHAIN, Set.of(ACCOUNT)));

        MembershipView second = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        assertEquals(List.of(second.id()), primaries(CHAIN, ACCOUNT));
        // DECISIONS: a soft-deleted membership keeps its data, IsPrimary included, and is not written again.
        assertTrue(rules.stored(first).primary());
        assertEquals(versionAfterDelete, rules.stored(first).version());
    }

    @Test
    void section8_unsettingThePrimaryLeavesTheAccountWithoutOne() {
        MembershipView first = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        rules.update(
                SINGLE,
                "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + first.id()
                        + "\", \"IsPrimary\": {\"Value\": false}}]}");
        assertEquals(List.of(), primaries(CHAIN, ACCOUNT));
        assertEquals(Map.of(), rules.store.primaryPointers(CHAIN, Set.of(ACCOUNT)));
        // And a later primary demotes nobody.
        MembershipView second = rules.addOne(SINGLE, ACCOUNT, "\"IsPrimary\": true");
        assertEquals(List.of(second.id()), primaries(CHAIN, ACCOUNT));
    }

    @Test
    void section8_aPrimaryMadeByAnotherRequestBetweenReadAndWriteIsStillDemoted() {
        Interleaving race = new Interleaving();
        Rules racing = new Rules(race::around);
        MembershipService other = new MembershipService(racing.store, racing.clock);
        race.afterFirstPrimaryPointers(() -> other.add(
                racing.bind(
                        "{\"LoyaltyMemberships\": [" + item(ACCOUNT, "\"IsPrimary\": true") + "]}",
                        com.loyaltymemberships.contract.RequestBinder::add),
                SINGLE,
                racing.call()));

        MembershipView mine = racing.add(
                        SINGLE, "{\"LoyaltyMemberships\": [" + item(ACCOUNT, "\"IsPrimary\": true") + "]}")
                .loyaltyMemberships()
                .get(0);

        assertTrue(racing.store.conflicts() >= 1, "the other request's primary did not collide with this one");
        List<String> primaries = racing
                .getAll(SINGLE, "{\"AccountIds\": [\"" + ACCOUNT + "\"], \"Limitation\": {\"Count\": 10}}")
                .loyaltyMemberships()
                .stream()
                .filter(MembershipView::isPrimary)
                .map(MembershipView::id)
                .toList();
        assertEquals(List.of(mine.id()), primaries);
    }
}
