package com.loyaltymemberships.membership;

import static com.loyaltymemberships.testing.Rules.OTHER;
import static com.loyaltymemberships.testing.Rules.OTHER_PROGRAM;
import static com.loyaltymemberships.testing.Rules.SINGLE;
import static com.loyaltymemberships.testing.Rules.badRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.contract.RequestBinder;
import com.loyaltymemberships.testing.Interleaving;
import com.loyaltymemberships.testing.Rules;
import com.loyaltymemberships.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SPEC §6 update (the Value wrappers, invalid Ids) and §8 lost updates and all or nothing for update. */
class UpdateRulesTest {

    private static final UUID ACCOUNT = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
    private static final String FULL = "\"State\": \"Pending\", \"MembershipNumber\": \"MBR-1\", \"Points\": 22,"
            + " \"ExpirationDate\": \"2029-12-24\", \"Url\": \"https://example.com/m/1\", \"LoyaltyTierId\": \"69eedfd2-6f25-42fc-b3c8-39df70f85e37\"";

    private final Rules rules = new Rules();

    private MembershipView update(String id, String fields) {
        return rules.update(
                        SINGLE,
                        "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + id + "\""
                                + (fields.isEmpty() ? "" : ", " + fields) + "}]}")
                .loyaltyMemberships()
                .get(0);
    }

    @Test
    void section6_absentOrNullWrappersLeaveEveryFieldUnchanged() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, FULL);
        update(added.id(), "\"ProviderMembershipId\": {\"Value\": \"PRV-1\"}");
        MembershipView before = rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 1}}")
                .loyaltyMemberships()
                .get(0);
        MembershipView after =
                update(added.id(), "\"Points\": null, \"Url\": null, \"State\": null, \"MembershipNumber\": null");
        assertEquals(before, after);
        assertEquals("PRV-1", after.providerMembershipId());
    }

    @Test
    void section6_valueSetsEachField() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, "");
        MembershipView after = update(
                added.id(),
                "\"LoyaltyProgramId\": {\"Value\": \"" + OTHER_PROGRAM + "\"}, \"State\": {\"Value\": \"Canceled\"},"
                        + " \"MembershipNumber\": {\"Value\": \"MBR-9\"}, \"ProviderMembershipId\": {\"Value\": \"PRV-9\"}, \"Points\": {\"Value\": 42},"
                        + " \"ExpirationDate\": {\"Value\": \"2038-01-19T03:14:07Z\"}, \"Url\": {\"Value\": \"https://final.example.com/m\"},"
                        + " \"LoyaltyTierId\": {\"Value\": \"69eedfd2-6f25-42fc-b3c8-39df70f85e37\"}");
        assertEquals(OTHER_PROGRAM.toString(), after.loyaltyProgramId());
        assertEquals("Canceled", after.state());
        assertEquals("MBR-9", after.membershipNumber());
        assertEquals("MBR-9", after.code());
        assertEquals("PRV-9", after.providerMembershipId());
        assertEquals(42, after.points());
        assertEquals("2038-01-19T03:14:07Z", after.expirationDate());
        assertEquals("https://final.example.com/m", after.url());
        assertEquals("69eedfd2-6f25-42fc-b3c8-39df70f85e37", after.loyaltyTierId());
        assertEquals(
                after,
                rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 1}}")
                        .loyaltyMemberships()
                        .get(0));
    }

    @Test
    void section6_valueNullClearsTheClearableFields_codeIsAnAlias() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, FULL);
        update(added.id(), "\"ProviderMembershipId\": {\"Value\": \"PRV-1\"}");
        MembershipView after = update(
                added.id(),
                "\"Code\": {\"Value\": null}, \"ProviderMembershipId\": {\"Value\": null},"
                        + " \"Points\": {\"Value\": null}, \"ExpirationDate\": {\"Value\": null}, \"Url\": {}, \"LoyaltyTierId\": {\"Value\": null}");
        assertNull(after.membershipNumber());
        assertNull(after.code());
        assertNull(after.providerMembershipId());
        assertNull(after.points());
        assertNull(after.expirationDate());
        assertNull(after.url());
        assertNull(after.loyaltyTierId());
        assertEquals("Pending", after.state());
    }

    @Test
    void section6_valueNullOfANonNullableFieldIs400() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, "");
        for (String field : List.of("LoyaltyProgramId", "State", "IsPrimary")) {
            badRequest("Invalid " + field, () -> update(added.id(), "\"" + field + "\": {\"Value\": null}"));
        }
        assertEquals(1, rules.stored(added).version());
    }

    @Test
    void section6_anUpdateCountsAsAnUpdate_newTimeVersionAndUpdater() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, "");
        rules.clock.advance(Duration.ofMinutes(3));
        update(added.id(), "");
        Membership stored = rules.stored(added);
        assertEquals(rules.clock.instant(), stored.updatedUtc());
        assertEquals(2, stored.version());
    }

    @Test
    void section6_unknownForeignOrDeletedIdIs400InvalidLoyaltyMembershipId_andNothingIsWritten() {
        MembershipView mine = rules.addOne(SINGLE, ACCOUNT, "");
        MembershipView deleted = rules.addOne(SINGLE, ACCOUNT, "");
        rules.delete(SINGLE, "{\"LoyaltyMembershipIds\": [\"" + deleted.id() + "\"]}");
        MembershipView foreign = rules.addOne(OTHER, ACCOUNT, "");
        for (String bad : List.of(UUID.randomUUID().toString(), foreign.id(), deleted.id())) {
            String message = badRequest(
                    "Invalid LoyaltyMembershipId",
                    () -> rules.update(
                            SINGLE,
                            "{\"LoyaltyMembershipUpdates\": ["
                                    + "{\"LoyaltyMembershipId\": \"" + mine.id() + "\", \"Points\": {\"Value\": 1}},"
                                    + "{\"LoyaltyMembershipId\": \"" + bad + "\", \"Points\": {\"Value\": 1}}]}"));
            assertTrue(message.contains("LoyaltyMembershipUpdates[1]"), message);
        }
        assertEquals(1, rules.stored(mine).version());
        assertNull(rules.stored(foreign).points().orElse(null));
    }

    @Test
    void section6_theSameIdTwiceInOneRequestIs400() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, "");
        badRequest(
                "Invalid LoyaltyMembershipId",
                () -> rules.update(
                        SINGLE,
                        "{\"LoyaltyMembershipUpdates\": ["
                                + "{\"LoyaltyMembershipId\": \"" + added.id() + "\", \"Points\": {\"Value\": 1}},"
                                + "{\"LoyaltyMembershipId\": \"" + added.id().toUpperCase()
                                + "\", \"Url\": {\"Value\": null}}]}"));
        assertEquals(1, rules.stored(added).version());
    }

    @Test
    void section8_lostUpdatesAreImpossible_aConcurrentUpdateBetweenReadAndWriteIsKept() {
        Interleaving race = new Interleaving();
        Rules racing = new Rules(race::around);
        MembershipView added = racing.addOne(SINGLE, ACCOUNT, "");
        MembershipService other = new MembershipService(racing.store, racing.clock);
        race.afterFirstCurrent(() -> other.update(
                racing.bind(
                        "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + added.id()
                                + "\", \"Url\": {\"Value\": \"https://other.example.com\"}}]}",
                        RequestBinder::update),
                SINGLE,
                racing.call()));

        MembershipView mine = racing.update(
                        SINGLE,
                        "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + added.id()
                                + "\", \"Points\": {\"Value\": 7}}]}")
                .loyaltyMemberships()
                .get(0);

        assertEquals(1, racing.store.conflicts(), "the other update did not collide with this one");
        assertEquals(7, mine.points());
        assertEquals("https://other.example.com", mine.url());
        Membership stored = racing.stored(added);
        assertEquals(7, stored.points().orElseThrow());
        assertEquals("https://other.example.com", stored.url().orElseThrow());
        assertEquals(3, stored.version());
    }

    @Test
    void section8_aWriteThatKeepsConflictingIs409AfterFourAttempts_withNothingOfItWritten() {
        Rules conflicting = new Rules(AlwaysConflicting::new);
        MembershipView added = conflicting.addOne(SINGLE, ACCOUNT, "");
        com.loyaltymemberships.contract.ApiException e = org.junit.jupiter.api.Assertions.assertThrows(
                com.loyaltymemberships.contract.ApiException.class,
                () -> conflicting.update(
                        SINGLE,
                        "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + added.id()
                                + "\", \"Points\": {\"Value\": 1}}]}"));
        assertEquals(409, e.status());
        assertEquals(4, conflicting.store.conflicts());
        assertTrue(conflicting.stored(added.id()).points().isEmpty());
    }

    /** Another request always writes the membership between this one's read and its commit. */
    private static final class AlwaysConflicting implements MembershipStore {
        private final com.loyaltymemberships.testing.InMemoryMembershipStore store;
        private int attempts;

        AlwaysConflicting(com.loyaltymemberships.testing.InMemoryMembershipStore store) {
            this.store = store;
        }

        @Override
        public java.util.Optional<Membership> get(UUID id) {
            return store.get(id);
        }

        @Override
        public java.util.Map<UUID, Membership> getMany(java.util.Collection<UUID> ids) {
            return store.getMany(ids);
        }

        @Override
        public MembershipPage page(MembershipFilter filter) {
            return store.page(filter);
        }

        @Override
        public java.util.Map<UUID, Membership> current(java.util.Collection<UUID> ids) {
            java.util.Map<UUID, Membership> read = store.current(ids);
            attempts++;
            for (Membership m : read.values()) {
                store.commit(
                        new ChangeSet(List.of(new ChangeSet.Group(
                                List.of(new ChangeSet.MembershipWrite(
                                        java.util.Optional.of(m), m.changed(Profile.INTEGRATION, m.updatedUtc()))),
                                List.of()))),
                        Deadline.after(java.time.Clock.systemUTC(), Duration.ofSeconds(5)));
            }
            return read;
        }

        @Override
        public java.util.Map<UUID, UUID> primaryPointers(UUID chainId, java.util.Set<UUID> accounts) {
            return store.primaryPointers(chainId, accounts);
        }

        @Override
        public void commit(ChangeSet changes, Deadline deadline) {
            store.commit(changes, deadline);
        }

        @Override
        public void prime(List<Membership> samples) {}
    }
}
