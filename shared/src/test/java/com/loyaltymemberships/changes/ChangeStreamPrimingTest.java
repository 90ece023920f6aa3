package com.loyaltymemberships.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The consumer's SnapStart priming builds an event of each kind through the real feed, and sends none. */
class ChangeStreamPrimingTest {

    @Test
    void primingBuildsAnEventOfEachKindAndPutsNothingOnTheBus() {
        List<ChangeEvent> sent = new ArrayList<>();
        ChangeStreamFunction function = new ChangeStreamFunction(events -> {
            sent.addAll(events);
            return List.of();
        });

        List<ChangeEvent> built = function.prime();

        assertEquals(
                List.of("LoyaltyMembershipAdded", "LoyaltyMembershipUpdated", "LoyaltyMembershipDeleted"),
                built.stream().map(ChangeEvent::detailType).toList());
        assertTrue(sent.isEmpty(), "priming sent " + sent);
        // The update's detail names what changed, with its old value: the whole detail path ran.
        String update = new String(built.get(1).detail(), StandardCharsets.UTF_8);
        assertTrue(update.contains("\"Changes\":{\"IsPrimary\":true}"), update);
    }
}
