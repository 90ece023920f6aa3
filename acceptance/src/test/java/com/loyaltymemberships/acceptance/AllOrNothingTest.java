package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.acceptance.FaultInjector.When;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * SPEC §8: a request is written whole or not at all, even when storage fails between or inside the
 * transactions of a large request. 150 memberships take two transactions (100 actions each at most).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class AllOrNothingTest {

    private static final int LARGE = 150;

    private final FaultInjector faults = new FaultInjector();
    private DynamoDbClient client;
    private TestApi api;
    private final UUID account = UUID.randomUUID();
    private List<String> existing;
    private String snapshot;

    @BeforeEach
    void start(DynamoDbEngine engine) {
        client = engine.newClient(faults);
        api = TestApi.create(client);
        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
        ArrayNode items = add.putArray("LoyaltyMemberships");
        items.add(item(account, UUID.randomUUID(), true));
        for (int i = 1; i < LARGE; i++) {
            items.add(item(UUID.randomUUID(), UUID.randomUUID(), false).put("Points", i));
        }
        existing = TestApi.ids(api.post("add", add).memberships());
        snapshot = everything();
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** Every membership, active and deleted, as getAll shows them. */
    private String everything() {
        faults.reset();
        ObjectNode all = props();
        all.set("ActivityStates", array("Active", "Deleted"));
        JsonNode memberships = api.getAll(CHAIN_A_ACCESS_TOKEN, all).memberships();
        return memberships.toString();
    }

    private void assertFailedWithNothingChanged(Response response) {
        response.assertError(500, "An unexpected error occurred.");
        assertFalse(response.body().contains("Exception"), "no internal detail: " + response.body());
        assertEquals(snapshot, everything(), "storage is as it was before the request");
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void addOfTwoTransactionsFailingInTheSecond(When when) {
        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
        ArrayNode items = add.putArray("LoyaltyMemberships");
        items.add(item(account, UUID.randomUUID(), true));
        for (int i = 1; i < LARGE; i++) {
            items.add(item(UUID.randomUUID(), UUID.randomUUID(), false));
        }
        faults.fail(TransactWriteItemsRequest.class, 2, when);
        assertFailedWithNothingChanged(api.post("add", add));
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void addFailingInItsOnlyTransaction(When when) {
        faults.fail(TransactWriteItemsRequest.class, 1, when);
        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
        add.set("LoyaltyMemberships", array(item(account, UUID.randomUUID(), true), item(UUID.randomUUID(), UUID.randomUUID(), false)));
        assertFailedWithNothingChanged(api.post("add", add));
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void updateOfTwoTransactionsFailingInTheSecond(When when) {
        ObjectNode update = body(CHAIN_A_ACCESS_TOKEN);
        ArrayNode items = update.putArray("LoyaltyMembershipUpdates");
        for (int i = 0; i < LARGE; i++) {
            ObjectNode change = TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", existing.get(i));
            change.set("Points", wrapped(-i));
            change.set("IsPrimary", wrapped(i == LARGE - 1));
            items.add(change);
        }
        faults.fail(TransactWriteItemsRequest.class, 2, when);
        assertFailedWithNothingChanged(api.post("update", update));
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void deleteOfTwoTransactionsFailingInTheSecond(When when) {
        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(existing.toArray()));
        faults.fail(TransactWriteItemsRequest.class, 2, when);
        assertFailedWithNothingChanged(api.post("delete", delete));
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void aFailingReadWritesNothing(When when) {
        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", array(existing.get(0)));
        faults.fail(BatchGetItemRequest.class, 2, when);
        assertFailedWithNothingChanged(api.post("delete", delete));
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void theSameRequestSucceedsOnceStorageIsBack(When when) {
        ObjectNode update = body(CHAIN_A_ACCESS_TOKEN);
        List<Object> changes = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            changes.add(TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", existing.get(i)).set("Points", wrapped(1000 + i)));
        }
        update.set("LoyaltyMembershipUpdates", array(changes.toArray()));
        faults.fail(TransactWriteItemsRequest.class, 2, when);
        assertFailedWithNothingChanged(api.post("update", update));
        JsonNode updated = api.post("update", update).memberships();
        assertEquals(1000 + LARGE - 1, updated.get(LARGE - 1).get("Points").asInt());
    }
}
