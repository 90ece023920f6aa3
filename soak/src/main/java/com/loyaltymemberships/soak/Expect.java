package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Answers held against what the ledger predicts; each mismatch is a violation, described with both sides. */
final class Expect {

    /** getAll's order without UpdatedUtc: newest first, by creation time and then Id, which for UUIDv7 is Id order (SPEC §4). */
    static final Comparator<LedgerMembership> NEWEST_FIRST = Comparator.comparing(
                    (LedgerMembership m) -> m.view().get("Id").asText())
            .reversed();

    private final Tally tally;

    Expect(Tally tally) {
        this.tally = tally;
    }

    /** True if the answer has this status; a violation otherwise. */
    boolean status(Answer answer, int status, String what) {
        if (answer.status() == status) {
            return true;
        }
        tally.violation(what + ": expected " + status + ", got " + answer);
        return false;
    }

    /**
     * The memberships an add created, if its answer shows exactly the items sent, in request order, each under a new Id,
     * with the Cursor on the last one (SPEC §5).
     */
    Optional<List<LedgerMembership>> added(Answer answer, List<AddItem> items, Ledger ledger) {
        if (!status(answer, 200, "add")) {
            return Optional.empty();
        }
        JsonNode shown = answer.json().path("LoyaltyMemberships");
        List<LedgerMembership> created = new ArrayList<>();
        for (int i = 0; i < items.size() && i < shown.size(); i++) {
            UUID id = UUID.fromString(shown.get(i).path("Id").asText());
            if (ledger.find(id).isPresent()) {
                tally.violation("add answered an Id that already exists: " + id);
                return Optional.empty();
            }
            created.add(items.get(i).created(id));
        }
        if (!memberships(answer, created, "add")) {
            return Optional.empty();
        }
        return Optional.of(created);
    }

    /** True if the answer's LoyaltyMemberships are exactly these, in this order, and Cursor is the last one's Id. */
    boolean memberships(Answer answer, List<LedgerMembership> expected, String what) {
        JsonNode json = answer.json();
        List<JsonNode> shown = new ArrayList<>();
        json.path("LoyaltyMemberships").forEach(shown::add);
        List<JsonNode> views = expected.stream().map(m -> (JsonNode) m.view()).toList();
        if (!shown.equals(views)) {
            tally.violation(
                    what + ": the answer differs from the ledger.\n    answered " + shown + "\n    expected " + views);
            return false;
        }
        JsonNode cursor = json.path("Cursor");
        String last = expected.isEmpty()
                ? null
                : expected.get(expected.size() - 1).view().get("Id").asText();
        if (last == null
                ? !cursor.isNull()
                : !cursor.isTextual() || !cursor.asText().equals(last)) {
            tally.violation(what + ": Cursor " + cursor + ", expected " + last);
            return false;
        }
        return true;
    }
}
