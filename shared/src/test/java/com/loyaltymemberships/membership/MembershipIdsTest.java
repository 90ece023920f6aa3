package com.loyaltymemberships.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MembershipIdsTest {

    private static final Instant T = Instant.parse("2026-11-26T08:00:00.123Z");

    @Test
    void idsAreVersion7AndCarryTheirCreationTime() {
        UUID id = new MembershipIds(Clock.fixed(T, ZoneOffset.UTC)).next();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(T, MembershipIds.createdAt(id));
    }

    @Test
    void idsOfOneMillisecondGrowInTheOrderTheyWereMade() {
        MembershipIds ids = new MembershipIds(Clock.fixed(T, ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            made.add(ids.next().toString());
        }
        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertEquals(sorted, made, "string order is creation order");
        assertEquals(5000, new HashSet<>(made).size());
        // More than 4,096 in one millisecond borrow the next one rather than break the order.
        assertEquals(T.plusMillis(1), MembershipIds.createdAt(UUID.fromString(made.get(4999))));
    }

    @Test
    void boundsSeparateIdsByCreationTime() {
        MembershipIds ids = new MembershipIds(Clock.fixed(T, ZoneOffset.UTC));
        String id = ids.next().toString();
        assertTrue(MembershipIds.boundAt(T).compareTo(id) < 0, "created at T is at or after T");
        assertTrue(MembershipIds.boundAt(T.plusMillis(1)).compareTo(id) > 0, "created at T is before T + 1 ms");
        assertEquals("00000000-0000", MembershipIds.boundAt(Instant.parse("1960-01-01T00:00:00Z")));
    }
}
