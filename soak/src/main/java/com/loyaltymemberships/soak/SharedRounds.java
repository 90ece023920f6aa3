package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.loyaltymemberships.local.DemoTokens;
import com.loyaltymemberships.operations.Operations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accounts that every racer writes at once: two accounts of chain A, written through the portfolio token (even
 * racers) and chain A's own token (odd racers). Racer {@code i} owns field {@code i} of {@link Field}, so there are at
 * most eight. In round {@code r} every racer, released together, sends:
 * <ol>
 *   <li>an update making the round's target membership primary and setting its own field on it: the primary pointer
 *       and the membership's version are raced. Every racer of a round names the same target, so whatever the order,
 *       each 200 makes it primary and demotes the previous one, and sets a field no one else sets (the lost-update rule,
 *       SPEC §8): the ledger applies each 200 as it comes, and a 409 given up is nothing;</li>
 *   <li>an update setting its own field on the round's disposable membership, except the round's deleter, which
 *       deletes it: a 200 says the update came before the delete (applied, and kept by the deleted membership), a 400
 *       Invalid LoyaltyMembershipId that it came after (nothing changed);</li>
 *   <li>an add under one Idempotency-Key per round, each racer with its own body: per token exactly one executes (200)
 *       and the others get a 400 naming Idempotency-Key; the ledger adds the winner's membership.</li>
 * </ol>
 * A round starts only when every racer is done with the previous one, so rounds are ordered; within a round every
 * outcome above is decided by the answers, whatever order the engine ran the requests in.
 */
final class SharedRounds {

    static final UUID CHAIN = DemoTokens.CHAIN_A;
    static final int CONFLICT_TRIES = 3;
    private static final int ACCOUNTS = 2;
    private static final int TARGETS_PER_ACCOUNT = 3;
    /** Memberships per setup add: one transaction each (SPEC's limit is 1000, a transaction's 100 actions). */
    private static final int SETUP_BATCH = 90;

    private final int racers;
    private final int rounds;
    private final Ledger ledger;
    private final Tally tally;
    private final Expect expect;
    private final String runId;
    private final List<AccountKey> accounts;
    private final List<List<UUID>> targets;
    private final List<UUID> disposables;
    private final Phaser phaser;
    private final Map<String, AtomicInteger> keyWinners = new ConcurrentHashMap<>();

    private SharedRounds(
            int racers,
            int rounds,
            Ledger ledger,
            Tally tally,
            String runId,
            List<AccountKey> accounts,
            List<List<UUID>> targets,
            List<UUID> disposables) {
        this.racers = racers;
        this.rounds = rounds;
        this.ledger = ledger;
        this.tally = tally;
        this.expect = new Expect(tally);
        this.runId = runId;
        this.accounts = accounts;
        this.targets = targets;
        this.disposables = disposables;
        this.phaser = new Phaser(racers);
    }

    /**
     * Adds, through the API, each shared account's targets (the first one primary) and one disposable membership per
     * round; the ledger learns them from the answers.
     */
    static SharedRounds prepare(
            Api api, Ledger ledger, Tally tally, int racers, int rounds, String runId, Random random) {
        Expect expect = new Expect(tally);
        List<AccountKey> accounts = new ArrayList<>();
        List<List<UUID>> targets = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            AccountKey account = new AccountKey(CHAIN, Field.newGuid(random));
            accounts.add(account);
            List<AddItem> items = new ArrayList<>();
            for (int t = 0; t < TARGETS_PER_ACCOUNT; t++) {
                items.add(AddItem.random(account, t == 0, random));
            }
            targets.add(addForSetup(api, expect, ledger, items).stream()
                    .map(LedgerMembership::id)
                    .toList());
        }
        List<UUID> disposables = new ArrayList<>();
        for (int from = 0; from < rounds; from += SETUP_BATCH) {
            List<AddItem> items = new ArrayList<>();
            for (int round = from; round < Math.min(rounds, from + SETUP_BATCH); round++) {
                items.add(AddItem.random(accounts.get(round % ACCOUNTS), false, random));
            }
            addForSetup(api, expect, ledger, items).forEach(m -> disposables.add(m.id()));
        }
        return new SharedRounds(racers, rounds, ledger, tally, runId, accounts, targets, disposables);
    }

    private static List<LedgerMembership> addForSetup(Api api, Expect expect, Ledger ledger, List<AddItem> items) {
        Answer answer = api.send(Request.of(Operations.ADD, Bodies.add(Token.PORTFOLIO, CHAIN, items)));
        List<LedgerMembership> created = expect.added(answer, items, ledger)
                .orElseThrow(() -> new IllegalStateException("the shared accounts could not be set up: " + answer));
        created.forEach(ledger::put);
        created.stream().filter(LedgerMembership::primary).forEach(m -> ledger.makePrimary(m.id()));
        return created;
    }

    int racers() {
        return racers;
    }

    int rounds() {
        return rounds;
    }

    /** Racer {@code racer}'s part of round {@code round}, once every racer is done with the round before. */
    void play(Api api, Random random, int racer, int round) {
        awaitEveryRacer();
        if (racer == 0) {
            tally.count(Event.ROUNDS);
        }
        Token token = racer % 2 == 0 ? Token.PORTFOLIO : Token.CHAIN_A;
        Field field = Field.values()[racer];
        raceForPrimary(api, random, token, field, round);
        if (racer == round % racers) {
            deleteDisposable(api, token, round);
        } else {
            updateDisposable(api, random, token, field, round);
        }
        raceForKey(api, random, token, racer, round);
    }

    /** A racer that has played every round, or failed: the others no longer wait for it. */
    void leave() {
        phaser.arriveAndDeregister();
    }

    private void raceForPrimary(Api api, Random random, Token token, Field field, int round) {
        UUID target = targets.get(round % ACCOUNTS).get(round / ACCOUNTS % TARGETS_PER_ACCOUNT);
        FieldValue value = field.randomOrCleared(random);
        Answer answer = updateOne(api, token, Bodies.setPrimary(Bodies.updateOf(target), true), field, value);
        if (answer.status() == 409) {
            return;
        }
        if (shows(answer, target, field, value, "the round's primary target") && requirePrimary(answer)) {
            ledger.set(target, field, value);
            ledger.makePrimary(target);
            tally.count(Event.PRIMARY_RACE_APPLIED);
        }
    }

    private void updateDisposable(Api api, Random random, Token token, Field field, int round) {
        UUID disposable = disposables.get(round);
        FieldValue value = field.randomOrCleared(random);
        Answer answer = updateOne(api, token, Bodies.updateOf(disposable), field, value);
        if (answer.status() == 400 && answer.message().contains("LoyaltyMembershipId")) {
            tally.count(Event.UPDATE_AFTER_DELETE);
        } else if (answer.status() != 409
                && shows(answer, disposable, field, value, "the round's disposable membership")) {
            ledger.set(disposable, field, value);
            tally.count(Event.UPDATE_BEFORE_DELETE);
        }
    }

    private void deleteDisposable(Api api, Token token, int round) {
        UUID disposable = disposables.get(round);
        Answer answer = api.send(Request.of(Operations.DELETE, Bodies.delete(token, CHAIN, List.of(disposable))));
        if (expect.status(answer, 200, "delete of the round's disposable membership")) {
            ledger.delete(disposable);
        }
    }

    private void raceForKey(Api api, Random random, Token token, int racer, int round) {
        AddItem item = AddItem.random(accounts.get(round % ACCOUNTS), false, random)
                .with(Field.MEMBERSHIP_NUMBER, FieldValue.same(TextNode.valueOf("RACE-" + round + "-" + racer)));
        Answer answer = api.send(Request.of(Operations.ADD, Bodies.add(token, CHAIN, List.of(item)))
                .withKey(keyOf(round)));
        if (answer.status() == 400 && answer.message().contains("Idempotency-Key")) {
            tally.count(Event.KEY_RACE_LOST);
        } else if (!answer.replayed()) {
            expect.added(answer, List.of(item), ledger).ifPresent(created -> {
                created.forEach(ledger::put);
                keyWinners
                        .computeIfAbsent(round + " " + token, k -> new AtomicInteger())
                        .incrementAndGet();
                tally.count(Event.KEY_RACE_WON);
            });
        } else {
            tally.violation("key race of round " + round + ": another body was answered with a replay: " + answer);
        }
    }

    /** After the last round: every round had exactly one winner per token that raced for its key. */
    void checkKeyRaces() {
        List<Token> tokens = racers > 1 ? List.of(Token.PORTFOLIO, Token.CHAIN_A) : List.of(Token.PORTFOLIO);
        for (int round = 0; round < rounds; round++) {
            for (Token token : tokens) {
                int winners = keyWinners
                        .getOrDefault(round + " " + token, new AtomicInteger())
                        .get();
                if (winners != 1) {
                    tally.violation("key race of round " + round + " through " + token + ": " + winners
                            + " executions, expected exactly 1");
                }
            }
        }
    }

    private String keyOf(int round) {
        return "race-" + runId + "-" + round;
    }

    /** One membership's update with {@code field} set, sent again on a 409 (nothing was done), at most {@value #CONFLICT_TRIES} times. */
    private Answer updateOne(Api api, Token token, ObjectNode update, Field field, FieldValue value) {
        Request request = Request.of(
                Operations.UPDATE,
                Bodies.update(token, CHAIN, List.of(Bodies.set(update, field.property(), value.sent()))));
        Answer answer = api.send(request);
        for (int tries = 1; answer.status() == 409; tries++) {
            if (tries == CONFLICT_TRIES) {
                tally.count(Event.CONFLICT_GAVE_UP);
                break;
            }
            tally.count(Event.CONFLICT_RETRIED);
            pause(tries);
            answer = api.send(request);
        }
        return answer;
    }

    /** The answer shows the membership with the racer's field as sent; the other fields are other racers' to set. */
    private boolean shows(Answer answer, UUID id, Field field, FieldValue value, String what) {
        if (!expect.status(answer, 200, "update of " + what)) {
            return false;
        }
        JsonNode shown = answer.json().path("LoyaltyMemberships").path(0);
        if (!shown.path("Id").asText().equals(id.toString())
                || !shown.path(field.property()).equals(value.shown())) {
            tally.violation("update of " + what + " " + id + ": expected " + field.property() + " " + value.shown()
                    + ", got " + answer);
            return false;
        }
        return true;
    }

    private boolean requirePrimary(Answer answer) {
        if (!answer.json().path("LoyaltyMemberships").path(0).path("IsPrimary").asBoolean()) {
            tally.violation("update making the round's target primary answered it non-primary: " + answer);
            return false;
        }
        return true;
    }

    private void awaitEveryRacer() {
        try {
            phaser.awaitAdvanceInterruptibly(phaser.arrive(), 5, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a racer did not come to its round for 5 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause(int tries) {
        try {
            Thread.sleep(20L * tries);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
