package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.pipeline.Settings;
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
            int status = (i % 2 == 0 ? api.getAll(CHAIN_A_ACCESS_TOKEN, props()) : api.getAll(CHAIN_A_ACCESS_TOKEN, invalid())).status();
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
            assertEquals(200, (i % 2 == 0 ? one : other).getAll(PORTFOLIO_ACCESS_TOKEN, props()).status());
        }
        Response refused = tooMany(other.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
        tooMany(one.getAll(PORTFOLIO_ACCESS_TOKEN, props()));
        Thread.sleep(Long.parseLong(refused.header("Retry-After").orElseThrow()) * 1000 + 1000);
        assertEquals(200, one.getAll(PORTFOLIO_ACCESS_TOKEN, props()).status(), "after Retry-After the token may call again");
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
}
