package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.local.DemoTokens;
import com.loyaltymemberships.operations.Operations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One client's work on the accounts it alone writes: a few in each chain, one of them under the same AccountId in
 * chains A and C (two accounts to the primary rule). Only this client writes them, one request at a time, so the
 * ledger predicts every answer in full, getAll's included, and follows each 2xx; any other answer is a violation.
 */
final class OwnAccounts {

    static final List<UUID> CHAINS = List.of(DemoTokens.CHAIN_A, DemoTokens.CHAIN_B, DemoTokens.CHAIN_C);
    private static final int ACCOUNTS_PER_CHAIN = 3;
    private static final Predicate<LedgerMembership> ACTIVE = Predicate.not(LedgerMembership::deleted);

    private final Api api;
    private final KeyedWrites keyed;
    private final Ledger ledger;
    private final Tally tally;
    private final Expect expect;
    private final Random random;
    private final Map<UUID, List<AccountKey>> accounts = new LinkedHashMap<>();
    /** Every membership this client created, in creation order. */
    private final List<UUID> mine = new ArrayList<>();

    OwnAccounts(Api api, KeyedWrites keyed, Ledger ledger, Tally tally, Random random) {
        this.api = api;
        this.keyed = keyed;
        this.ledger = ledger;
        this.tally = tally;
        this.expect = new Expect(tally);
        this.random = random;
        UUID shared = Field.newGuid(random);
        for (UUID chain : CHAINS) {
            List<AccountKey> keys = new ArrayList<>();
            keys.add(new AccountKey(chain, chain.equals(DemoTokens.CHAIN_B) ? Field.newGuid(random) : shared));
            for (int i = 1; i < ACCOUNTS_PER_CHAIN; i++) {
                keys.add(new AccountKey(chain, Field.newGuid(random)));
            }
            accounts.put(chain, keys);
        }
    }

    /** One operation, chosen at random: getAll 36 %, add 22 %, update 28 %, delete 10 %, update of a deleted one 4 %. */
    void next() {
        int dice = random.nextInt(100);
        if (dice < 36) {
            getAll();
        } else if (dice < 58 || mine(ACTIVE).isEmpty()) {
            add();
        } else if (dice < 86) {
            update();
        } else if (dice < 96) {
            delete();
        } else {
            updateDeleted();
        }
    }

    // ---- writes ---------------------------------------------------------------------------------------------------

    /** 1 or 2 memberships in one chain, a quarter of them primary (one per account at most: two would be a 400). */
    private void add() {
        UUID chain = CHAINS.get(random.nextInt(CHAINS.size()));
        Set<AccountKey> claimed = new HashSet<>();
        List<AddItem> items = new ArrayList<>();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            AccountKey account = pick(accounts.get(chain));
            items.add(AddItem.random(account, random.nextInt(4) == 0 && claimed.add(account), random));
        }
        Answer answer = write(Request.of(Operations.ADD, Bodies.add(writer(chain), chain, items)));
        expect.added(answer, items, ledger).ifPresent(created -> {
            created.forEach(ledger::put);
            created.stream().filter(LedgerMembership::primary).forEach(m -> ledger.makePrimary(m.id()));
            created.forEach(m -> mine.add(m.id()));
        });
    }

    /**
     * 1 or 2 active memberships of one chain, 1 to 3 fields each set or cleared; sometimes one made primary (which makes
     * the account's other primary, in the request or not, non-primary) or made non-primary.
     */
    private void update() {
        List<LedgerMembership> targets = inOneChain(mine(ACTIVE), 1 + random.nextInt(2));
        UUID chain = targets.get(0).account().chain();
        List<ObjectNode> updates = new ArrayList<>();
        List<LedgerMembership> afters = new ArrayList<>();
        Map<AccountKey, UUID> claimers = new HashMap<>();
        for (LedgerMembership target : targets) {
            ObjectNode update = Bodies.updateOf(target.id());
            LedgerMembership after = target;
            List<Field> fields = new ArrayList<>(List.of(Field.values()));
            Collections.shuffle(fields, random);
            for (Field field : fields.subList(0, 1 + random.nextInt(3))) {
                FieldValue value = field.randomOrCleared(random);
                String property =
                        field == Field.MEMBERSHIP_NUMBER && random.nextInt(4) == 0 ? "Code" : field.property();
                Bodies.set(update, property, value.sent());
                after = after.with(field, value);
            }
            int dice = random.nextInt(10);
            if (dice < 3 && claimers.putIfAbsent(target.account(), target.id()) == null) {
                Bodies.setPrimary(update, true);
                after = after.withPrimary(true);
            } else if (dice == 3) {
                Bodies.setPrimary(update, false);
                after = after.withPrimary(false);
            }
            updates.add(update);
            afters.add(after);
        }
        // The request's own primary demotes the account's other primary in the same request too (SPEC §8).
        for (int i = 0; i < afters.size(); i++) {
            LedgerMembership after = afters.get(i);
            UUID claimer = claimers.get(after.account());
            if (claimer != null && !claimer.equals(after.id()) && after.activePrimary()) {
                afters.set(i, after.withPrimary(false));
            }
        }
        Answer answer = write(Request.of(Operations.UPDATE, Bodies.update(writer(chain), chain, updates)));
        if (expect.status(answer, 200, "update") && expect.memberships(answer, afters, "update")) {
            afters.forEach(ledger::put);
            claimers.values().forEach(ledger::makePrimary);
        }
    }

    /** 1 or 2 memberships of one chain, now and then one already deleted (delete is idempotent, SPEC §7). */
    private void delete() {
        Predicate<LedgerMembership> which = random.nextInt(10) == 0 ? m -> true : ACTIVE;
        List<LedgerMembership> targets = inOneChain(mine(which), 1 + random.nextInt(2));
        UUID chain = targets.get(0).account().chain();
        boolean minimal = random.nextInt(3) == 0;
        Request request = Request.of(
                        Operations.DELETE,
                        Bodies.delete(
                                writer(chain),
                                chain,
                                targets.stream().map(LedgerMembership::id).toList()))
                .minimal(minimal);
        Answer answer = write(request);
        // SPEC §7: {}; §1: 204 with an empty body under Prefer: return=minimal.
        boolean answered = minimal
                ? expect.status(answer, 204, "delete (return=minimal)") && emptyBody(answer)
                : expect.status(answer, 200, "delete") && isEmptyObject(answer);
        if (answered) {
            targets.forEach(m -> ledger.delete(m.id()));
        }
    }

    /** An update of a deleted membership is a 400 that changes nothing (SPEC §6), kept under its key like any 4xx. */
    private void updateDeleted() {
        List<LedgerMembership> deleted = mine(LedgerMembership::deleted);
        if (deleted.isEmpty()) {
            update();
            return;
        }
        LedgerMembership target = pick(deleted);
        UUID chain = target.account().chain();
        ObjectNode update = Bodies.set(
                Bodies.updateOf(target.id()),
                Field.POINTS.property(),
                Field.POINTS.random(random).sent());
        Answer answer = write(Request.of(Operations.UPDATE, Bodies.update(writer(chain), chain, List.of(update))));
        if (expect.status(answer, 400, "update of a deleted membership")) {
            if (!answer.message().contains("LoyaltyMembershipId")) {
                tally.violation("update of a deleted membership: the 400 does not name LoyaltyMembershipId: " + answer);
            }
            tally.count(Event.UPDATE_OF_DELETED_REFUSED);
        }
    }

    /** Six writes in ten are sent plainly; the other four each way a client retries a keyed write. */
    private Answer write(Request request) {
        int dice = random.nextInt(10);
        return dice < 6 ? api.send(request) : keyed.send(request, KeyedWrites.Mode.values()[dice - 6]);
    }

    private boolean emptyBody(Answer answer) {
        if (answer.body().length != 0) {
            tally.violation("delete with return=minimal has a body: " + answer);
            return false;
        }
        return true;
    }

    private boolean isEmptyObject(Answer answer) {
        JsonNode json = answer.json();
        if (!json.isObject() || !json.isEmpty()) {
            tally.violation("delete answered something else than {}: " + answer);
            return false;
        }
        return true;
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    /**
     * By AccountIds 30 %, by LoyaltyMembershipIds 60 %, a page of a chain listing 10 %. The local engine reads a
     * Query (each account, chain and activity state is one) by going through the whole table, which grows with the run;
     * a BatchGetItem by Ids reads only its keys.
     */
    private void getAll() {
        int dice = random.nextInt(100);
        if (dice < 30 || mine.isEmpty()) {
            byAccounts();
        } else if (dice < 90) {
            byIds();
        } else {
            listing();
        }
    }

    /** 1 (or 2) own accounts of a chain, in one of the activity states or both; the answer must be the ledger's, newest first. */
    private void byAccounts() {
        UUID chain = CHAINS.get(random.nextInt(CHAINS.size()));
        Token token = pick(Token.of(chain));
        List<AccountKey> asked = new ArrayList<>(accounts.get(chain));
        Collections.shuffle(asked, random);
        asked = asked.subList(0, random.nextInt(4) == 0 ? 2 : 1);
        ObjectNode body = Bodies.getAll(token, 1000, null);
        body.set(
                "AccountIds", Bodies.ids(asked.stream().map(AccountKey::account).toList()));
        List<UUID> chains = token.chains();
        if (token.portfolio() && random.nextBoolean()) {
            chains = List.of(chain);
            body.set("ChainIds", Bodies.ids(chains));
        }
        Predicate<LedgerMembership> activity = activityStates(body);
        List<LedgerMembership> expected = new ArrayList<>();
        // An AccountId of chain A is also one of chain C: what the token reads of it depends on its scope.
        for (UUID scoped : chains) {
            for (AccountKey account : asked) {
                ledger.account(new AccountKey(scoped, account.account())).stream()
                        .filter(activity)
                        .forEach(expected::add);
            }
        }
        read(body, expected, "getAll by AccountIds");
    }

    /** 1 to 5 own memberships the token may read, and now and then an own one of a chain it may not: never shown (SPEC §2). */
    private void byIds() {
        Token token = pick(List.of(Token.values()));
        List<LedgerMembership> readable =
                mine(m -> token.chains().contains(m.account().chain()));
        if (readable.isEmpty()) {
            byAccounts();
            return;
        }
        List<LedgerMembership> asked = new ArrayList<>();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            LedgerMembership m = pick(readable);
            if (!asked.contains(m)) {
                asked.add(m);
            }
        }
        List<LedgerMembership> foreign =
                mine(m -> !token.chains().contains(m.account().chain()));
        boolean askForeign = !foreign.isEmpty() && random.nextInt(4) == 0;
        List<UUID> ids =
                new ArrayList<>(asked.stream().map(LedgerMembership::id).toList());
        if (askForeign) {
            ids.add(pick(foreign).id());
            tally.count(Event.FOREIGN_HIDDEN);
        }
        ObjectNode body = Bodies.getAll(token, 1000, null);
        body.set("LoyaltyMembershipIds", Bodies.ids(ids));
        Predicate<LedgerMembership> activity = activityStates(body);
        read(body, asked.stream().filter(activity).toList(), "getAll by LoyaltyMembershipIds");
    }

    /** The newest page of what the token reads: others write there too, so only its size and scope are certain. */
    private void listing() {
        Token token = pick(List.of(Token.values()));
        Answer answer = api.send(Request.of(Operations.GET_ALL, Bodies.getAll(token, 10, null)));
        if (expect.status(answer, 200, "getAll listing")) {
            JsonNode page = answer.json().path("LoyaltyMemberships");
            boolean inScope = true;
            for (JsonNode m : page) {
                inScope &= token.chains()
                        .contains(UUID.fromString(m.path("ChainId").asText()));
            }
            if (page.size() > 10 || !inScope) {
                tally.violation("getAll listing of " + token + ": more than 10 or out of scope: " + answer);
            }
        }
    }

    private void read(ObjectNode body, List<LedgerMembership> expected, String what) {
        List<LedgerMembership> newestFirst = new ArrayList<>(expected);
        newestFirst.sort(Expect.NEWEST_FIRST);
        Answer answer = api.send(Request.of(Operations.GET_ALL, body));
        if (expect.status(answer, 200, what)) {
            expect.memberships(
                    answer,
                    newestFirst,
                    what + " " + body.path("AccountIds") + body.path("LoyaltyMembershipIds") + " "
                            + body.path("ActivityStates"));
            tally.count(Event.READS_CHECKED);
        }
    }

    /** Sets ActivityStates at random (absent means Active, SPEC §4) and says which memberships it lets through. */
    private Predicate<LedgerMembership> activityStates(ObjectNode body) {
        return switch (random.nextInt(4)) {
            case 0 -> ACTIVE;
            case 1 -> {
                body.set("ActivityStates", Bodies.texts(List.of("Active")));
                yield ACTIVE;
            }
            case 2 -> {
                body.set("ActivityStates", Bodies.texts(List.of("Deleted")));
                yield LedgerMembership::deleted;
            }
            default -> {
                body.set("ActivityStates", Bodies.texts(List.of("Active", "Deleted")));
                yield m -> true;
            }
        };
    }

    // ---- choices --------------------------------------------------------------------------------------------------

    private List<LedgerMembership> mine(Predicate<LedgerMembership> which) {
        List<LedgerMembership> found = new ArrayList<>();
        for (UUID id : mine) {
            LedgerMembership m = ledger.get(id);
            if (which.test(m)) {
                found.add(m);
            }
        }
        return found;
    }

    /** Up to {@code count} distinct ones of {@code candidates} (not empty), all in the chain of a random first one. */
    private List<LedgerMembership> inOneChain(List<LedgerMembership> candidates, int count) {
        LedgerMembership first = pick(candidates);
        List<LedgerMembership> sameChain = new ArrayList<>(candidates.stream()
                .filter(m -> m.account().chain().equals(first.account().chain()) && !m.id().equals(first.id()))
                .toList());
        Collections.shuffle(sameChain, random);
        List<LedgerMembership> chosen = new ArrayList<>(List.of(first));
        chosen.addAll(sameChain.subList(0, Math.min(count - 1, sameChain.size())));
        return chosen;
    }

    /** A token that writes {@code chain}: chain A's memberships are written through the portfolio and through its own token. */
    private Token writer(UUID chain) {
        return pick(Token.of(chain));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
