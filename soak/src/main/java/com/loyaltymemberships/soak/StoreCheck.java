package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.operations.Operations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The final store, read through the API three ways, each in both activity states, and held against the ledger: every
 * chain's whole listing (nothing more, nothing less anywhere), by the ledger's AccountIds, and by its
 * LoyaltyMembershipIds. Then the primary rule: no account has two active primaries.
 */
final class StoreCheck {

    /** Problems named word for word per way of reading; the rest are counted. */
    private static final int NAMED = 10;

    private static final int PAGE = 1000;

    /**
     * @param memberships the ledger's, of which {@code deleted} are deleted
     * @param primaries   accounts with exactly one active primary
     * @param problems    empty when the store is the ledger
     */
    record Verdict(int memberships, int deleted, int accounts, int primaries, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private final Api api;

    StoreCheck(Api api) {
        this.api = api;
    }

    Verdict run(Ledger ledger) {
        Map<UUID, LedgerMembership> expected = ledger.snapshot();
        List<String> problems = new ArrayList<>();
        Map<UUID, LedgerMembership> listed = read(chain -> List.of(Json.MAPPER.createObjectNode()), problems);
        compare("every chain's listing", listed, expected, problems);
        compare(
                "by AccountIds",
                read(
                        chain -> filter(
                                "AccountIds",
                                ledger.accounts().stream()
                                        .filter(a -> a.chain().equals(chain))
                                        .map(AccountKey::account)
                                        .distinct()
                                        .toList()),
                        problems),
                expected,
                problems);
        compare(
                "by LoyaltyMembershipIds",
                read(
                        chain -> filter(
                                "LoyaltyMembershipIds",
                                expected.values().stream()
                                        .filter(m -> m.account().chain().equals(chain))
                                        .map(LedgerMembership::id)
                                        .toList()),
                        problems),
                expected,
                problems);

        Map<AccountKey, Integer> activePrimaries = new HashMap<>();
        listed.values().stream()
                .filter(LedgerMembership::activePrimary)
                .forEach(m -> activePrimaries.merge(m.account(), 1, Integer::sum));
        activePrimaries.forEach((account, count) -> {
            if (count > 1) {
                problems.add("account " + account.account() + " of chain " + account.chain() + " has " + count
                        + " active primaries");
            }
        });
        int deleted = (int)
                expected.values().stream().filter(LedgerMembership::deleted).count();
        int primaries = (int)
                activePrimaries.values().stream().filter(count -> count == 1).count();
        return new Verdict(expected.size(), deleted, ledger.accounts().size(), primaries, problems);
    }

    /** {@code {property: [ids]}}; a request holds at most 1000 of them (SPEC §4), so a longer list is read in parts. */
    private static List<ObjectNode> filter(String property, List<UUID> ids) {
        List<ObjectNode> filters = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            ObjectNode filter = Json.MAPPER.createObjectNode();
            filter.set(property, Bodies.ids(ids.subList(from, Math.min(ids.size(), from + PAGE))));
            filters.add(filter);
        }
        return filters;
    }

    /** What {@code filters} of each chain find in each activity state, read through a token of that chain. */
    private Map<UUID, LedgerMembership> read(Function<UUID, List<ObjectNode>> filters, List<String> problems) {
        Map<UUID, LedgerMembership> found = new LinkedHashMap<>();
        for (UUID chain : OwnAccounts.CHAINS) {
            Token token = Token.of(chain).get(0); // the portfolio for A and B, chain C's own for C
            for (ObjectNode part : filters.apply(chain)) {
                for (boolean deleted : new boolean[] {false, true}) {
                    ObjectNode filter = part.deepCopy();
                    if (token.portfolio()) {
                        filter.set("ChainIds", Bodies.ids(List.of(chain)));
                    }
                    filter.set("ActivityStates", Bodies.texts(List.of(deleted ? "Deleted" : "Active")));
                    for (JsonNode view : pages(token, filter, problems)) {
                        LedgerMembership m = LedgerMembership.shown(view, deleted);
                        if (found.put(m.id(), m) != null) {
                            problems.add("shown twice (in one listing, or both active and deleted): " + m.id());
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Every page: a page shorter than asked for is the last (SPEC §4). */
    private List<JsonNode> pages(Token token, ObjectNode filter, List<String> problems) {
        List<JsonNode> all = new ArrayList<>();
        UUID cursor = null;
        while (true) {
            ObjectNode body = Bodies.getAll(token, PAGE, cursor);
            body.setAll(filter);
            Answer answer = api.send(Request.of(Operations.GET_ALL, body));
            if (answer.status() != 200) {
                problems.add("reading the store: " + answer);
                return all;
            }
            ArrayNode page = (ArrayNode) answer.json().path("LoyaltyMemberships");
            page.forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
            cursor = UUID.fromString(page.get(page.size() - 1).path("Id").asText());
        }
    }

    private static void compare(
            String how, Map<UUID, LedgerMembership> store, Map<UUID, LedgerMembership> ledger, List<String> problems) {
        List<String> found = new ArrayList<>();
        ledger.forEach((id, expected) -> {
            LedgerMembership actual = store.get(id);
            if (actual == null) {
                found.add("missing: " + expected);
            } else if (!actual.equals(expected)) {
                found.add("differs:\n      store  " + actual + "\n      ledger " + expected);
            }
        });
        store.keySet().stream()
                .filter(id -> !ledger.containsKey(id))
                .forEach(id -> found.add("not in the ledger: " + store.get(id)));
        found.stream().limit(NAMED).forEach(problem -> problems.add(how + ": " + problem));
        if (found.size() > NAMED) {
            problems.add(how + ": " + (found.size() - NAMED) + " more");
        }
    }
}
