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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SPEC §9: requests per access token over the limit are refused with 429 and Retry-After, shared by every instance, under
 * the GCRA definition of {@code RateLimit} (docs/DECISIONS.md): a burst of the limit, then one request per window /
 * limit. The tests hold the clock, so that what is admitted does not depend on how fast the engine answers.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class RateLimitTest {

    private static final int LIMIT = 5;
    private static final int WINDOW = 2;
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private static ObjectNode invalid() {
        ObjectNode properties = props();
        properties.remove("Limitation");
        properties.set("Limitation", TestApi.limitation(0));
        return properties;
    }

    private static Response tooMany(Response response) {
        response.assertError(429, "Too many requests");
        long retryAfter = Long.parseLong(response.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW, "Retry-After " + retryAfter);
        return response;
    }

    @Test
    void everyRequestWithAValidTokenCountsWhateverItsOutcome(DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb, LIMIT, WINDOW).withClock(new TestClock(START));
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
        TestApi api = TestApi.create(dynamoDb, LIMIT, WINDOW).withClock(new TestClock(START));
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
    void theCountIsSharedByEveryInstance_andRetryAfterIsWhenARequestIsAdmitted(DynamoDbClient dynamoDb) {
        TestClock clock = new TestClock(START);
        TestApi one = TestApi.create(dynamoDb, LIMIT, WINDOW).withClock(clock);
        TestApi other = one.anotherInstance();
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(
                    200,
                    (i % 2 == 0 ? one : other)
                            .getAll(PORTFOLIO_ACCESS_TOKEN, props())
                            .status());
        }
        tooMany(other.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
        // T 0.4 s, τ 1.6 s: TAT 2 s, 2.4 s and 2.8 s with the two refused requests: admitted from 1.2 s, 2 whole
        // seconds.
        Response refused = tooMany(one.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
        assertEquals("2", refused.header("Retry-After").orElseThrow());
        clock.advance(Duration.ofMillis(1_199));
        tooMany(other.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
        clock.set(START.plusSeconds(2));
        assertEquals(
                200,
                one.getAll(PORTFOLIO_ACCESS_TOKEN, props()).status(),
                "after Retry-After the token may call again");
    }

    /** Instances racing on one token (the engine serializes updates of one item): exactly the limit is admitted. */
    @Test
    void concurrentRequestsAdmitExactlyTheLimit(DynamoDbClient dynamoDb) throws Exception {
        TestApi first = TestApi.create(dynamoDb, LIMIT, WINDOW).withClock(new TestClock(START));
        List<TestApi> instances = new ArrayList<>();
        for (int i = 0; i < 3 * LIMIT; i++) {
            instances.add(i == 0 ? first : first.anotherInstance());
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (TestApi instance : instances) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return instance.getAll(CHAIN_A_ACCESS_TOKEN, props()).status();
                }));
            }
            start.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<Integer> status : statuses) {
                byStatus.merge(status.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(200, LIMIT, 429, 2 * LIMIT), byStatus);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDefaultIs200In30Seconds(DynamoDbClient dynamoDb) {
        TestClock clock = new TestClock(START);
        TestApi api = TestApi.create(dynamoDb, Settings.DEFAULT_RATE_LIMIT, Settings.DEFAULT_RATE_WINDOW_SECONDS)
                .withClock(clock);
        ObjectNode cheap = invalid();
        for (int i = 0; i < 200; i++) {
            assertEquals(400, api.getAll(CHAIN_A_ACCESS_TOKEN, cheap).status());
        }
        Response refused = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
        // T 0.15 s: TAT 30 s, 30.15 s with the refused request, admitted from 0.3 s.
        assertEquals("1", refused.header("Retry-After").orElseThrow());
        clock.advance(Duration.ofMillis(300));
        assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status());
    }

    /** The rule holds to the microsecond, refused requests count too, and Retry-After is the first whole second that works. */
    @Test
    void theRuleIsExactToTheMicrosecond(DynamoDbClient dynamoDb) {
        TestClock clock = new TestClock(START);
        // 2 per 30 s: T 15 s, τ 15 s.
        TestApi api = TestApi.create(dynamoDb, 2, 30).withClock(clock);
        assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status());
        assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status());

        // TAT 30 s: at 14.999999 s it is more than τ ahead. The refused request counts (TAT 45 s): admitted from 30 s.
        clock.set(START.plusNanos(14_999_999_000L));
        Response refused = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
        assertEquals("16", refused.header("Retry-After").orElseThrow());

        clock.set(START.plusSeconds(30));
        assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status(), "exactly τ ahead is admitted");
        refused = api.getAll(CHAIN_A_ACCESS_TOKEN, props()).assertError(429, "Too many requests");
        // TAT 60 s, 75 s with this refused request: admitted from 60 s.
        assertEquals("30", refused.header("Retry-After").orElseThrow());
        clock.set(START.plusSeconds(60));
        assertEquals(200, api.getAll(CHAIN_A_ACCESS_TOKEN, props()).status());
    }

    /** A limit redeployed lower or higher applies from the next request, and each then holds exactly. */
    @Test
    void aRedeployedLimitHoldsExactly(DynamoDbClient dynamoDb) {
        TestClock clock = new TestClock(START);
        TestApi three = TestApi.create(dynamoDb, 3, 30).withClock(clock);
        assertAdmitsExactly(three, clock, 3);
        TestApi seven = three.withRateLimit(7, 30);
        assertAdmitsExactly(seven, clock, 7);
        assertAdmitsExactly(three, clock, 3);
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
