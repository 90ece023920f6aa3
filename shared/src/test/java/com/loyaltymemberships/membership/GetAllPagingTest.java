package com.loyaltymemberships.membership;

import static com.loyaltymemberships.testing.Rules.OTHER;
import static com.loyaltymemberships.testing.Rules.SINGLE;
import static com.loyaltymemberships.testing.Rules.badRequest;
import static com.loyaltymemberships.testing.Rules.ids;
import static com.loyaltymemberships.testing.Rules.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.testing.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4 getAll order and paging: newest first by creation (same instant: Id descending), by last update when UpdatedUtc
 * is given; Cursor pages strictly after a membership's position, even one deleted or outside the filters; an Id that is
 * no membership of the chains in scope is 400 Invalid Cursor; the answer's Cursor is the last Id, null when empty.
 */
class GetAllPagingTest {

    private static final UUID A = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
    private static final UUID B = UUID.fromString("bccdafd1-3e44-439d-861f-341526b597a9");

    private final Rules rules = new Rules();
    /** Seven memberships, oldest first: accounts A, B, A, B, ... */
    private final List<String> created = new ArrayList<>();

    private Instant start;

    @BeforeEach
    void sevenMemberships() {
        start = rules.clock.instant();
        for (int i = 0; i < 7; i++) {
            created.add(rules.addOne(SINGLE, i % 2 == 0 ? A : B, "").id());
            rules.clock.advance(Duration.ofSeconds(1));
        }
    }

    private List<String> newestFirst() {
        List<String> ids = new ArrayList<>(created);
        java.util.Collections.reverse(ids);
        return ids;
    }

    private MembershipsResponse page(String filters, int count, String cursor) {
        return rules.getAll(
                SINGLE,
                "{" + filters + (filters.isEmpty() ? "" : ", ") + "\"Limitation\": {\"Count\": " + count
                        + (cursor == null ? "" : ", \"Cursor\": \"" + cursor + "\"") + "}}");
    }

    /** Walks every page of {@code filters}, {@code count} at a time. */
    private List<String> walk(String filters, int count) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        while (true) {
            MembershipsResponse page = page(filters, count, cursor);
            seen.addAll(ids(page));
            if (page.loyaltyMemberships().size() < count) {
                return seen;
            }
            cursor = page.cursor();
        }
    }

    @Test
    void section4_newestFirstByCreation_andTheCursorIsTheLastId() {
        MembershipsResponse first = page("", 3, null);
        assertEquals(newestFirst().subList(0, 3), ids(first));
        assertEquals(newestFirst().get(2), first.cursor());
    }

    @Test
    void section4_sameInstantIsOrderedByIdDescending_anAddListsInReverseRequestOrder() {
        rules.clock.advance(Duration.ofHours(1));
        Instant at = rules.clock.instant();
        String items =
                IntStream.range(0, 3).mapToObj(i -> item(A, "\"Points\": " + i)).collect(Collectors.joining(", "));
        List<String> added = ids(rules.add(SINGLE, "{\"LoyaltyMemberships\": [" + items + "]}"));
        MembershipsResponse page =
                page("\"CreatedUtc\": {\"StartUtc\": \"" + at + "\", \"EndUtc\": \"" + at + "\"}", 10, null);
        List<String> byIdDescending =
                added.stream().sorted(java.util.Comparator.reverseOrder()).toList();
        assertEquals(byIdDescending, ids(page));
        assertEquals(List.of(added.get(2), added.get(1), added.get(0)), ids(page));
    }

    @Test
    void section4_pagingWithTheCursorReturnsEveryMembershipExactlyOnce() {
        assertEquals(newestFirst(), walk("", 2));
        assertEquals(newestFirst(), walk("", 7));
        assertEquals(
                newestFirst().stream()
                        .filter(id -> created.indexOf(id) % 2 == 0)
                        .toList(),
                walk("\"AccountIds\": [\"" + A + "\"]", 1));
    }

    @Test
    void section4_anEmptyPageHasANullCursor() {
        MembershipsResponse last = page("", 5, created.get(0));
        assertEquals(List.of(), last.loyaltyMemberships());
        assertNull(last.cursor());
    }

    @Test
    void section4_aCursorOutsideTheFiltersOnlyMarksAPosition() {
        // created[3] is of account B: a page of account A after it starts below it.
        List<String> accountA = ids(page("\"AccountIds\": [\"" + A + "\"]", 10, created.get(3)));
        assertEquals(List.of(created.get(2), created.get(0)), accountA);
    }

    @Test
    void section4_aDeletedCursorOnlyMarksAPosition() {
        rules.delete(SINGLE, "{\"LoyaltyMembershipIds\": [\"" + created.get(4) + "\"]}");
        assertEquals(List.of(created.get(3), created.get(2)), ids(page("", 2, created.get(4))));
    }

    @Test
    void section4_inUpdateOrderWhenUpdatedUtcIsGiven_andTheCursorFollowsThatOrder() {
        rules.clock.advance(Duration.ofMinutes(1));
        rules.update(SINGLE, "{\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + created.get(1) + "\"}]}");
        String window = "\"UpdatedUtc\": {\"StartUtc\": \"" + start + "\", \"EndUtc\": \""
                + rules.clock.instant().plusSeconds(1) + "\"}";
        List<String> expected = new ArrayList<>(newestFirst());
        expected.remove(created.get(1));
        expected.add(0, created.get(1));
        assertEquals(expected, ids(page(window, 10, null)));
        assertEquals(expected.subList(1, 4), ids(page(window, 3, created.get(1))));
        assertEquals(expected, walk(window, 3));
    }

    @Test
    void section4_aCursorThatIsNoMembershipOfTheChainsInScopeIs400InvalidCursor() {
        String foreign = rules.addOne(OTHER, A, "").id();
        String window =
                "\"UpdatedUtc\": {\"StartUtc\": \"" + start + "\", \"EndUtc\": \"" + rules.clock.instant() + "\"}";
        for (String filters : List.of("", window)) {
            String unknown = badRequest(
                    "Invalid Cursor", () -> page(filters, 2, UUID.randomUUID().toString()));
            String notMine = badRequest("Invalid Cursor", () -> page(filters, 2, foreign));
            // A membership of another chain behaves exactly like one that does not exist (SPEC §2).
            assertEquals(unknown, notMine);
        }
    }
}
