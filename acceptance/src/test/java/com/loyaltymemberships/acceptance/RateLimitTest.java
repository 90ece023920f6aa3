package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.pipeline.Settings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §9: requests per access token in a sliding window, shared by every instance, with Retry-After. */
@ExtendWith(DynamoDbEngineExtension.class)
class RateLimitTest {

    private static final int LIMIT = 5;
    private static final int WINDOW = 2;

    private static ObjectNode invalid() {
        ObjectNode properties = props();
        properties.remove("Limitation");
        properties.set("Limitation", TestApi.limitation(0));
        return properties;
    }

    private static Response tooMany(Response response) {
        response.assertError(429, "Too many requests");
        long retryAfter = Long.parseLong(response.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW + 1, "Retry-After " + retryAfter);
        return response;
    }

    @Test
    void everyRequestWithAValidTokenCountsWhateverItsOutcome(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb, LIMIT, WINDOW);
        for (int i = 0; i < LIMIT; i++) {
            int status = (i % 2 == 0
                            ? api.getAll(CHAIN_A_ACCESS_TOKEN, props())
                            : api.getAll(CHAIN_A_ACCESS_TOKEN, invalid()))
                    .status();
            assertEquals(i % 2 == 0 ? 200 : 400, status);
        }
        tooMany(api.getAll(CHAIN_A_ACCESS_TOKEN, props()));
        tooMany(api.getAll(CHAIN_A_ACCESS_TOKEN, invalid()));
        assertEquals(200, api.getAll(CHAIN_C_ACCESS_TOKEN, props()).status(), "another token has its own count");
    }

    @Test
    void requestsThatFailAuthenticationCountAgainstNoToken(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb, LIMIT, WINDOW);
        ObjectNode wrongClient = TestApi.body(CHAIN_A_ACCESS_TOKEN).put("ClientToken", "WRONG");
        wrongClient.set("Limitation", TestApi.limitation(1));
        for (int i = 0; i < 3 * LIMIT; i++) {
            api.post("getAll", wrongClient).assertError(401, "");
        }
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status());
        }
        tooMany(api.getAll(CHAIN_A_ACCESS_TOKEN, props()));
    }

    @Test
    void theCountIsSharedByEveryInstanceAndTheWindowSlides(DynamoDbClient dynamoDb) throws InterruptedException {
        TestApi one = TestApi.create(dynamoDb, LIMIT, WINDOW);
        TestApi other = one.anotherInstance();
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(
                    200,
                    (i % 2 == 0 ? one : other)
                            .getAll(PORTFOLIO_ACCESS_TOKEN, props())
                            .status());
        }
        Response refused = tooMany(other.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
        tooMany(one.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
        Thread.sleep(Long.parseLong(refused.header("Retry-After").orElseThrow()) * 1000 + 1000);
        assertEquals(
                200,
                one.getAll(PORTFOLIO_ACCESS_TOKEN, props()).status(),
                "after Retry-After the token may call again");
    }

    @Test
    void theDefaultIs200In30Seconds(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb, Settings.DEFAULT_RATE_LIMIT, Settings.DEFAULT_RATE_WINDOW_SECONDS);
        ObjectNode cheap = invalid();
        for (int i = 0; i < 200; i++) {
            assertEquals(400, api.getAll(CHAIN_A_ACCESS_TOKEN, cheap).status());
        }
        Response refused = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 31, "Retry-After " + retryAfter);
    }

    /** The window slides to the millisecond, refused requests count too, and Retry-After is the first whole second that works. */
    @Test
    void theWindowIsExactToTheMillisecond(DynamoDbClient dynamoDb) {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        TestClock clock = new TestClock(start);
        TestApi api = TestApi.create(dynamoDb, 2, 30).withClock(clock);
        assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status());
        clock.set(start.plusSeconds(1));
        assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status());

        clock.set(start.plusMillis(29_999));
        Response refused = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
        // The 2nd newest request (at 1 s) leaves the window at 31 s: 1.001 s from now, so 2 whole seconds.
        assertEquals("2", refused.header("Retry-After").orElseThrow());

        clock.set(start.plusMillis(30_500));
        api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
        // Retry-After was right for a client that waits: here the client did not, and refused requests count too
        // (29.999 s and 30.5 s are in the window at 31 s).
        clock.set(start.plusMillis(31_000));
        api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
        clock.set(start.plusMillis(60_500));
        assertEquals(
                200,
                api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status(),
                "only the refusal at 31 s is left in the window");
    }

    /** The token's log adapts when the limit is redeployed lower or higher, and each limit then holds exactly. */
    @Test
    void aRedeployedLimitHoldsExactly(DynamoDbClient dynamoDb) {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        TestClock clock = new TestClock(start);
        TestApi three = TestApi.create(dynamoDb, 3, 30).withClock(clock);
        assertAdmitsExactly(three, clock, 3);
        TestApi seven = three.withRateLimit(7, 30);
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 7; i++) {
            seven.getAll(CHAIN_A_ACCESS_TOKEN, props());
            clock.advance(Duration.ofSeconds(31));
        }
        assertAdmitsExactly(seven, clock, 7);
    }

    private static void assertAdmitsExactly(TestApi api, TestClock clock, int limit) {
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < limit; i++) {
            assertEquals(
                    200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status(), "request " + (i + 1) + " of " + limit);
            clock.advance(Duration.ofMillis(10));
        }
        api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
    }

    /** SPEC §2: a revoked token is refused from the very next request; its count is on its own item, so that is one request. */
    @Test
    void aRevokedTokenIsRefusedFromTheNextRequest(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb);
        assertEquals(200, api.getAll(CHAIN_C_ACCESS_TOKEN, props()).status());
        new TokenRepository(new DynamoDbTables(dynamoDb, api.tableName))
                .revoke(TokenRepository.Kind.ACCESS, TokenHash.of(CHAIN_C_ACCESS_TOKEN), Instant.now());
        api.getAll(CHAIN_C_ACCESS_TOKEN, props()).assertError(401, "Invalid or missing ClientToken or AccessToken");
    }
}
