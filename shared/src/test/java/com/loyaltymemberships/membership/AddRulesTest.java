package com.loyaltymemberships.membership;

import static com.loyaltymemberships.testing.Rules.CHAIN;
import static com.loyaltymemberships.testing.Rules.PROGRAM;
import static com.loyaltymemberships.testing.Rules.SINGLE;
import static com.loyaltymemberships.testing.Rules.badRequest;
import static com.loyaltymemberships.testing.Rules.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.testing.Rules;
import com.loyaltymemberships.time.Deadline;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** SPEC §5 add (defaults, answer order, aliases) and §8 all or nothing for add. */
class AddRulesTest {

    private static final UUID ACCOUNT = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");

    private final Rules rules = new Rules();

    private int stored() {
        return rules.getAll(
                        SINGLE, "{\"ActivityStates\": [\"Active\", \"Deleted\"], \"Limitation\": {\"Count\": 1000}}")
                .loyaltyMemberships()
                .size();
    }

    @Test
    void section5_defaults_stateEnrolled_optionalValuesNull_integrationProfiles_activeVersionOne() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, "");
        assertEquals("Enrolled", added.state());
        assertEquals(CHAIN.toString(), added.chainId());
        assertEquals(PROGRAM.toString(), added.loyaltyProgramId());
        assertNull(added.membershipNumber());
        assertNull(added.code());
        assertNull(added.points());
        assertNull(added.expirationDate());
        assertNull(added.url());
        assertNull(added.loyaltyTierId());
        assertNull(added.providerMembershipId());
        assertEquals("Integration", added.creatorProfile().discriminator());
        assertEquals("Integration", added.updaterProfile().discriminator());
        Membership stored = rules.stored(added);
        assertEquals(ActivityState.ACTIVE, stored.activityState());
        assertEquals(1, stored.version());
        // SPEC §4: a membership's last update time starts as its creation time.
        assertEquals(stored.createdUtc(), stored.updatedUtc());
        assertEquals(rules.clock.instant(), stored.createdUtc());
    }

    @Test
    void section5_everyFieldIsStoredAndAnswered_codeIsAnAliasThatLosesToMembershipNumber() {
        MembershipView added = rules.addOne(
                SINGLE,
                ACCOUNT,
                "\"State\": \"Pending\", \"MembershipNumber\": \"MBR-1\", \"Code\": \"C-1\","
                        + " \"Points\": 22, \"ExpirationDate\": \"2029-12-24\", \"Url\": \"https://example.com/m/1\","
                        + " \"LoyaltyTierId\": \"69eedfd2-6f25-42fc-b3c8-39df70f85e37\", \"ProviderMembershipId\": \"ignored\"");
        assertEquals("Pending", added.state());
        assertEquals("MBR-1", added.membershipNumber());
        assertEquals("MBR-1", added.code());
        assertEquals(22, added.points());
        assertEquals("2029-12-24T00:00:00Z", added.expirationDate());
        assertEquals("https://example.com/m/1", added.url());
        assertEquals("69eedfd2-6f25-42fc-b3c8-39df70f85e37", added.loyaltyTierId());
        // SPEC §3: ProviderMembershipId is settable only by update.
        assertNull(added.providerMembershipId());
        assertEquals(
                added,
                rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 1}}")
                        .loyaltyMemberships()
                        .get(0));

        MembershipView codeOnly = rules.addOne(SINGLE, ACCOUNT, "\"Code\": \"C-2\"");
        assertEquals("C-2", codeOnly.membershipNumber());
    }

    @Test
    void section5_theAnswerListsTheCreatedMembershipsInRequestOrder_cursorIsTheLast() {
        String items = IntStream.range(0, 5)
                .mapToObj(i -> item(ACCOUNT, "\"Points\": " + i))
                .collect(Collectors.joining(", "));
        MembershipsResponse response = rules.add(SINGLE, "{\"LoyaltyMemberships\": [" + items + "]}");
        assertEquals(
                List.of(0, 1, 2, 3, 4),
                response.loyaltyMemberships().stream()
                        .map(MembershipView::points)
                        .toList());
        assertEquals(response.loyaltyMemberships().get(4).id(), response.cursor());
        assertEquals(5, stored());
    }

    @Test
    void section8_anInvalidItemAnywhereFailsTheWholeAddWithNothingWritten() {
        String body = "{\"LoyaltyMemberships\": [" + item(ACCOUNT, "") + ", "
                + item(ACCOUNT, "\"State\": \"Cancelled\"") + "]}";
        String message = badRequest("Invalid State", () -> rules.add(SINGLE, body));
        assertTrue(message.contains("LoyaltyMemberships[1]"), message);
        assertEquals(0, stored());
    }

    @Test
    void section5_oneToOneThousandItems() {
        badRequest("Invalid LoyaltyMemberships", () -> rules.add(SINGLE, "{\"LoyaltyMemberships\": []}"));
        String tooMany =
                IntStream.range(0, 1001).mapToObj(i -> item(ACCOUNT, "")).collect(Collectors.joining(", ", "[", "]"));
        badRequest("Invalid LoyaltyMemberships", () -> rules.add(SINGLE, "{\"LoyaltyMemberships\": " + tooMany + "}"));
        assertEquals(0, stored());
    }

    @Test
    void section8_aFailedCommitLeavesNothingWritten() {
        Rules broken = new Rules(store -> new FailingCommits(store));
        String items = IntStream.range(0, 3)
                .mapToObj(i -> item(ACCOUNT, i == 0 ? "\"IsPrimary\": true" : ""))
                .collect(Collectors.joining(", "));
        assertThrows(
                IllegalStateException.class, () -> broken.add(SINGLE, "{\"LoyaltyMemberships\": [" + items + "]}"));
        assertEquals(
                0,
                broken.getAll(SINGLE, "{\"Limitation\": {\"Count\": 10}}")
                        .loyaltyMemberships()
                        .size());
        assertEquals(java.util.Map.of(), broken.store.primaryPointers(CHAIN, java.util.Set.of(ACCOUNT)));
    }

    /** A store whose every commit fails as storage would: nothing of it is written. */
    private static final class FailingCommits implements MembershipStore {
        private final MembershipStore store;

        FailingCommits(MembershipStore store) {
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
            return store.current(ids);
        }

        @Override
        public java.util.Map<UUID, UUID> primaryPointers(UUID chainId, java.util.Set<UUID> accounts) {
            return store.primaryPointers(chainId, accounts);
        }

        @Override
        public void commit(ChangeSet changes, Deadline deadline) {
            throw new IllegalStateException("storage failed");
        }

        @Override
        public void prime(List<Membership> samples) {}
    }
}
