package com.loyaltymemberships.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.LocalServerProcess;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load run, small: the local server in its own process (from the compiled classes) on the tests' engine, three
 * clients, a few hundred requests. Everything the full run counts on must have happened at least once, and the
 * ledger check must catch a write it was not told of.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class LoadRunTest {

    @Test
    void clientsRacingAndRetryingLeaveExactlyTheirLedgerAndNo5xx(DynamoDbEngine engine) throws IOException {
        try (LocalServerProcess server = LoadRun.serverFromClassPath(engine.endpoint())) {
            LoadResult result = LoadRun.run(server, new LoadRun.Options(3, 360, 7));

            assertEquals(0, result.measurements().serverErrors(), "5xx: " + result.serverErrors());
            assertEquals(List.of(), result.tally().violations(), "answers against the contract or the ledger");
            assertEquals(List.of(), result.verdict().problems(), "the final store against the ledger");
            assertTrue(result.passed());
            assertTrue(result.measurements().requests() >= 360);
            for (Operation<?, ?> operation : Operations.ALL) {
                assertTrue(
                        result.measurements().summary(operation).outcomes().getOrDefault("200", 0) > 0,
                        operation + " answered 200");
            }
            // The checks above held for every kind of retry and race, not for none.
            for (Event event : List.of(
                    Event.RESENT,
                    Event.LOST,
                    Event.SENT_TWICE,
                    Event.STILL_RUNNING,
                    Event.READS_CHECKED,
                    Event.UPDATE_OF_DELETED_REFUSED,
                    Event.PRIMARY_RACE_APPLIED,
                    Event.KEY_RACE_WON,
                    Event.KEY_RACE_LOST)) {
                assertTrue(result.tally().total(event) > 0, event.description());
            }
            assertEquals(
                    result.tally().total(Event.LOST),
                    result.tally().total(Event.LOST_THEN_REPLAYED)
                            + result.tally().total(Event.LOST_THEN_EXECUTED));
            assertEquals(
                    2L * result.rounds(), result.tally().total(Event.KEY_RACE_WON), "one winner per round and token");
            assertTrue(result.verdict().primaries() > 0);

            theCheckFindsWritesTheLedgerDoesNotKnow(server, result.ledger());
        }
    }

    /** A changed field and an added membership, both sent past the ledger: the check must name each. */
    private static void theCheckFindsWritesTheLedgerDoesNotKnow(LocalServerProcess server, Ledger ledger) {
        Api api = new Api(Api.newHttpClient(), server.baseUri(), new Measurements());
        LedgerMembership changed = ledger.snapshot().values().stream()
                .filter(m -> !m.deleted())
                .findFirst()
                .orElseThrow();
        AccountKey account = changed.account();
        Token token = Token.of(account.chain()).get(0);
        Answer update = api.send(Request.of(
                Operations.UPDATE,
                Bodies.update(
                        token,
                        account.chain(),
                        List.of(Bodies.set(
                                Bodies.updateOf(changed.id()),
                                "Points",
                                IntNode.valueOf(changed.view().path("Points").asInt() + 1))))));
        assertEquals(200, update.status(), update.toString());
        Answer add = api.send(Request.of(
                Operations.ADD,
                Bodies.add(token, account.chain(), List.of(AddItem.random(account, false, new Random(1))))));
        assertEquals(200, add.status(), add.toString());
        UUID added = UUID.fromString(
                add.json().path("LoyaltyMemberships").path(0).path("Id").asText());

        StoreCheck.Verdict verdict = new StoreCheck(api).run(ledger);

        assertFalse(verdict.passed());
        for (String how : List.of("every chain's listing", "by AccountIds")) {
            assertTrue(
                    verdict.problems().stream()
                            .anyMatch(p -> p.startsWith(how + ": differs")
                                    && p.contains(changed.id().toString())),
                    how + " finds the changed field: " + verdict.problems());
            assertTrue(
                    verdict.problems().stream()
                            .anyMatch(p -> p.startsWith(how + ": not in the ledger") && p.contains(added.toString())),
                    how + " finds the added membership: " + verdict.problems());
        }
        assertTrue(
                verdict.problems().stream()
                        .anyMatch(p -> p.startsWith("by LoyaltyMembershipIds: differs")
                                && p.contains(changed.id().toString())),
                verdict.problems().toString());
    }
}
