package com.loyaltymemberships.membership;

import static com.loyaltymemberships.testing.Rules.OTHER;
import static com.loyaltymemberships.testing.Rules.SINGLE;
import static com.loyaltymemberships.testing.Rules.badRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.testing.Rules;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SPEC §7 delete: soft, idempotent, repeated Ids, unknown or foreign Ids; §8 all or nothing for delete. */
class DeleteRulesTest {

    private static final UUID ACCOUNT = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");

    private final Rules rules = new Rules();

    private int delete(String... ids) {
        return rules.delete(SINGLE, "{\"LoyaltyMembershipIds\": " + Rules.quoted(ids) + "}");
    }

    @Test
    void section7_deleteIsSoft_theMembershipKeepsItsDataAsDeleted() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, "\"MembershipNumber\": \"MBR-1\", \"Points\": 5");
        rules.clock.advance(Duration.ofSeconds(10));
        assertEquals(1, delete(added.id()));

        Membership stored = rules.stored(added);
        assertEquals(ActivityState.DELETED, stored.activityState());
        assertEquals(rules.clock.instant(), stored.updatedUtc());
        assertEquals(2, stored.version());
        assertEquals(
                List.of(),
                rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 10}}").loyaltyMemberships());
        List<MembershipView> deleted = rules.getAll(
                        SINGLE, "{\"ActivityStates\": [\"Deleted\"], \"Limitation\": {\"Count\": 10}}")
                .loyaltyMemberships();
        assertEquals(List.of(added), deleted);
    }

    @Test
    void section7_deleteIsIdempotent_anAlreadyDeletedIdIsNotAnErrorAndNotWrittenAgain() {
        MembershipView added = rules.addOne(SINGLE, ACCOUNT, "");
        delete(added.id());
        rules.clock.advance(Duration.ofSeconds(10));
        assertEquals(0, delete(added.id()));
        assertEquals(2, rules.stored(added).version());
    }

    @Test
    void section7_theSameIdTwiceInOneDeleteIsAccepted() {
        MembershipView a = rules.addOne(SINGLE, ACCOUNT, "");
        MembershipView b = rules.addOne(SINGLE, ACCOUNT, "");
        assertEquals(2, delete(a.id(), b.id(), a.id().toUpperCase()));
        assertEquals(2, rules.stored(a).version());
        assertEquals(ActivityState.DELETED, rules.stored(b).activityState());
    }

    @Test
    void section7_unknownOrForeignIdIs400InvalidLoyaltyMembershipIds_andNothingIsDeleted() {
        MembershipView mine = rules.addOne(SINGLE, ACCOUNT, "");
        MembershipView foreign = rules.addOne(OTHER, ACCOUNT, "");
        for (String bad : List.of(UUID.randomUUID().toString(), foreign.id())) {
            String message = badRequest("Invalid LoyaltyMembershipIds", () -> delete(mine.id(), bad));
            assertTrue(message.contains("LoyaltyMembershipIds[1]"), message);
        }
        assertEquals(ActivityState.ACTIVE, rules.stored(mine).activityState());
        assertEquals(ActivityState.ACTIVE, rules.stored(foreign).activityState());
    }

    @Test
    void section7_oneToOneThousandIds() {
        badRequest("Invalid LoyaltyMembershipIds", () -> rules.delete(SINGLE, "{\"LoyaltyMembershipIds\": []}"));
        badRequest(
                "Invalid LoyaltyMembershipIds", () -> rules.delete(SINGLE, "{\"LoyaltyMembershipIds\": [\"nope\"]}"));
    }
}
