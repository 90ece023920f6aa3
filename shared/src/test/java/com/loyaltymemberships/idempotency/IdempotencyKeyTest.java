package com.loyaltymemberships.idempotency;

import static com.loyaltymemberships.testing.Rules.SINGLE;
import static com.loyaltymemberships.testing.Rules.item;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.RequestBinder;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.testing.Rules;
import com.loyaltymemberships.time.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11 Idempotency-Key, through {@link Idempotency} and the membership service on the in-memory stores, the way
 * the pipeline runs a write under a key: the first request runs and its answer is kept with its write; the same request
 * again is answered from what was kept and writes nothing; a different request under the key is 400; while the first
 * runs, 409 with Retry-After; a holder that is gone, a released key or an answer over 24 hours old lets a retry run.
 */
class IdempotencyKeyTest {

    private static final UUID ACCOUNT = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
    private static final String BODY = "{\"LoyaltyMemberships\": [" + item(ACCOUNT, "") + "]}";
    /** The same body with its properties in another order and other whitespace. */
    private static final String SAME_BODY_REORDERED =
            "{\"LoyaltyMemberships\":[{\"IsPrimary\":false,\"LoyaltyProgramId\":\"" + Rules.PROGRAM
                    + "\",\"AccountId\":\"" + ACCOUNT + "\"}]}";

    private static final Duration LEASE = Duration.ofSeconds(28);

    private final Rules rules = new Rules();
    private final Idempotency idempotency = new Idempotency(rules.keys, rules.clock);
    private final JsonCodec json = new JsonCodec();

    private Idempotency.Decision present(String token, String key, String operation, String body) {
        return idempotency.present(
                token,
                key,
                operation,
                json.canonical(json.parseObject(body.getBytes(StandardCharsets.UTF_8))),
                rules.clock.instant().plus(LEASE));
    }

    /** An add under a key, as the pipeline runs it: replayed, or run with its answer kept in its commit. */
    private Idempotency.Decision add(String key, String body) {
        Idempotency.Decision outcome = present(SINGLE.accessTokenHash(), key, "add", body);
        if (outcome instanceof Idempotency.Run run) {
            Call<MembershipsResponse> call = new Call<>(
                    "idempotency-key-test",
                    Deadline.after(rules.clock, LEASE),
                    Optional.of(result -> idempotency.receipt(run.claim(), 200, json.write(result))));
            rules.service.add(rules.bind(body, RequestBinder::add), SINGLE, call);
        }
        return outcome;
    }

    private int memberships() {
        return rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 100}}")
                .loyaltyMemberships()
                .size();
    }

    @Test
    void section11_theSameRequestAgainGetsTheKeptAnswerAndWritesNothing() {
        assertInstanceOf(Idempotency.Run.class, add("key-1", BODY));
        byte[] answer = json.write(rules.getAll(SINGLE, "{\"Limitation\": {\"Count\": 100}}"));
        rules.clock.advance(Duration.ofHours(23));

        Idempotency.Replay replay = assertInstanceOf(Idempotency.Replay.class, add("key-1", SAME_BODY_REORDERED));
        assertEquals(200, replay.status());
        assertArrayEquals(answer, replay.body());
        assertEquals(1, memberships());
    }

    @Test
    void section11_theSameKeyWithAnotherBodyOrOperationIs400() {
        add("key-1", BODY);
        String otherBody = "{\"LoyaltyMemberships\": [" + item(ACCOUNT, "\"Points\": 1") + "]}";
        for (ApiException e : new ApiException[] {
            assertThrows(ApiException.class, () -> add("key-1", otherBody)),
            assertThrows(ApiException.class, () -> present(SINGLE.accessTokenHash(), "key-1", "update", BODY))
        }) {
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("Invalid Idempotency-Key"), e.getMessage());
        }
        assertEquals(1, memberships());
    }

    @Test
    void section11_whileTheFirstRequestRuns409WithRetryAfter_onceItsHolderIsGoneARetryRuns() {
        assertInstanceOf(Idempotency.Run.class, present(SINGLE.accessTokenHash(), "key-1", "add", BODY));
        ApiException running = assertThrows(ApiException.class, () -> add("key-1", BODY));
        assertEquals(409, running.status());
        assertEquals(Map.of("Retry-After", "1"), running.headers());
        assertEquals(0, memberships());

        rules.clock.advance(LEASE.plusMillis(1));
        assertInstanceOf(Idempotency.Run.class, add("key-1", BODY));
        assertEquals(1, memberships());
    }

    @Test
    void section11_aRequestThatLostItsKeyCannotWrite_neverADoubleWrite() {
        Idempotency.Run first =
                assertInstanceOf(Idempotency.Run.class, present(SINGLE.accessTokenHash(), "key-1", "add", BODY));
        rules.clock.advance(LEASE.plusMillis(1));
        assertInstanceOf(Idempotency.Run.class, add("key-1", BODY));

        // The first request, still alive past its lease, tries to write with its answer: refused (409), nothing
        // written.
        Call<MembershipsResponse> late = new Call<>(
                "idempotency-key-test",
                Deadline.after(rules.clock, LEASE),
                Optional.of(result -> idempotency.receipt(first.claim(), 200, new byte[0])));
        ApiException e = assertThrows(
                ApiException.class, () -> rules.service.add(rules.bind(BODY, RequestBinder::add), SINGLE, late));
        assertEquals(409, e.status());
        assertEquals(1, memberships());
    }

    @Test
    void section11_aReleasedKeyRunsAgain_aKeptErrorIsReplayed() {
        Idempotency.Run first =
                assertInstanceOf(Idempotency.Run.class, present(SINGLE.accessTokenHash(), "key-1", "add", BODY));
        idempotency.release(first.claim());
        Idempotency.Run second =
                assertInstanceOf(Idempotency.Run.class, present(SINGLE.accessTokenHash(), "key-1", "add", BODY));

        byte[] error = "{\"Message\":\"Invalid State\"}".getBytes(StandardCharsets.UTF_8);
        idempotency.keep(idempotency.receipt(second.claim(), 400, error));
        Idempotency.Replay replay =
                assertInstanceOf(Idempotency.Replay.class, present(SINGLE.accessTokenHash(), "key-1", "add", BODY));
        assertEquals(400, replay.status());
        assertArrayEquals(error, replay.body());
    }

    @Test
    void section11_anAnswerIsKeptFor24Hours() {
        add("key-1", BODY);
        rules.clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertInstanceOf(Idempotency.Run.class, add("key-1", BODY));
        assertEquals(2, memberships());
    }

    @Test
    void section11_keysOfDifferentAccessTokensNeverMeet() {
        add("key-1", BODY);
        assertInstanceOf(Idempotency.Run.class, present("another-token-hash", "key-1", "add", BODY));
    }

    @Test
    void section11_anInvalidKeyIs400() {
        for (String key : new String[] {"", "x".repeat(256), "caf\u00e9", "tab\tkey"}) {
            ApiException e =
                    assertThrows(ApiException.class, () -> present(SINGLE.accessTokenHash(), key, "add", BODY));
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("Invalid Idempotency-Key"));
        }
        assertInstanceOf(Idempotency.Run.class, present(SINGLE.accessTokenHash(), "x".repeat(255), "add", BODY));
    }

    @Test
    void section11_keysAreStoredOnlyAsHashes() {
        Idempotency.Run run = assertInstanceOf(
                Idempotency.Run.class, present(SINGLE.accessTokenHash(), "my-secret-key", "add", BODY));
        assertEquals(64, run.claim().keyHash().length());
        assertTrue(!run.claim().toString().contains("my-secret-key"));
        assertEquals(Instant.parse("2026-03-02T10:00:28Z"), run.claim().leaseUntil());
    }
}
