package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

/**
 * A listing reads its items eventually consistent (half the read units), and strongly consistent again those that
 * the first read shows not at their entry. moto's reads are always consistent, so an interceptor makes the eventually
 * consistent BatchGetItem answer as DynamoDB may just after a write: without an item just added, or with an item's
 * version from before its last update.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class EventualItemsTest {

    /** Eventually consistent BatchGetItems answer {@code seen} in place of the current items (absent: not yet there). */
    private static final class Lagging implements ExecutionInterceptor {
        final Map<String, Map<String, AttributeValue>> seen = new HashMap<>();
        final AtomicInteger eventual = new AtomicInteger();
        final AtomicInteger consistent = new AtomicInteger();

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchGetItemRequest request)
                    || !(context.response() instanceof BatchGetItemResponse response)) {
                return context.response();
            }
            boolean isConsistent = request.requestItems().values().stream()
                    .anyMatch(keys -> Boolean.TRUE.equals(keys.consistentRead()));
            (isConsistent ? consistent : eventual).incrementAndGet();
            if (isConsistent) {
                return response;
            }
            Map<String, List<Map<String, AttributeValue>>> lagging = new HashMap<>();
            response.responses().forEach((table, items) -> {
                List<Map<String, AttributeValue>> answered = new ArrayList<>();
                for (Map<String, AttributeValue> item : items) {
                    String pk = item.get("PK").s();
                    if (!seen.containsKey(pk)) {
                        answered.add(item);
                    } else if (seen.get(pk) != null) {
                        answered.add(seen.get(pk));
                    }
                }
                lagging.put(table, answered);
            });
            return response.toBuilder().responses(lagging).build();
        }
    }

    private final Lagging lagging = new Lagging();
    private TestApi api;
    private DynamoDbClient plain;
    private List<String> added;

    @BeforeEach
    void start(DynamoDbClient dynamoDb, DynamoDbEngine engine) {
        plain = dynamoDb;
        api = TestApi.create(dynamoDb).withClient(engine.newClient(lagging));
        added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(api.add(CHAIN_A_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), false))
                    .get(0)
                    .get("Id")
                    .asText());
        }
    }

    private Map<String, AttributeValue> stored(String id) {
        return plain.getItem(r -> r.tableName(api.tableName)
                        .key(Map.of(
                                "PK", AttributeValue.fromS("MEMBERSHIP#" + id),
                                "SK", AttributeValue.fromS("MEMBERSHIP"))))
                .item();
    }

    /** The chain's listing, in creation order, or in update order (an UpdatedUtc window around now). */
    private JsonNode listing(boolean inUpdateOrder) {
        ObjectNode properties = props();
        if (inUpdateOrder) {
            Instant now = Instant.now();
            properties
                    .putObject("UpdatedUtc")
                    .put("StartUtc", now.minus(Duration.ofDays(1)).toString())
                    .put("EndUtc", now.plus(Duration.ofDays(1)).toString());
        }
        properties.set("ChainIds", array(CHAIN_A.toString()));
        return api.getAll(CHAIN_A_ACCESS_TOKEN, properties).memberships();
    }

    @Test
    void itemsNotYetVisibleAreReadAgainConsistentAndListed() {
        lagging.seen.put("MEMBERSHIP#" + added.get(1), null);
        lagging.seen.put("MEMBERSHIP#" + added.get(3), null);
        List<String> newestFirst = new ArrayList<>(added);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, ids(listing(false)));
        assertEquals(1, lagging.eventual.get(), "one eventually consistent read of the page's items");
        assertEquals(1, lagging.consistent.get(), "one consistent read of the two it did not see");
    }

    @Test
    void anOlderVersionElsewhereInTheIndexIsReadAgainAndListedAsItIsNow() {
        String id = added.get(2);
        Map<String, AttributeValue> before = stored(id);
        ObjectNode update = body(CHAIN_A_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        update.set(
                "LoyaltyMembershipUpdates",
                array(TestApi.JSON
                        .createObjectNode()
                        .put("LoyaltyMembershipId", id)
                        .set("Points", wrapped(42))));
        assertEquals(200, api.post("update", update).status());
        // The eventually consistent read still sees the version before the update, whose update time was another.
        lagging.seen.put("MEMBERSHIP#" + id, before);
        lagging.eventual.set(0);
        lagging.consistent.set(0);
        JsonNode page = listing(true);
        assertEquals(5, page.size());
        JsonNode first = page.get(0);
        assertEquals(id, first.get("Id").asText(), "the newest first: it was just updated");
        assertEquals(42, first.get("Points").asInt(), "as it is now");
        assertEquals(1, lagging.consistent.get());
    }
}
