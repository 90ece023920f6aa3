package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §1: paths, content types, Request-Id, Prefer: return=minimal, body size. */
@ExtendWith(DynamoDbEngineExtension.class)
class TransportTest {

    private static TestApi api;

    @BeforeAll
    static void start(DynamoDbClient dynamoDb) {
        api = TestApi.create(dynamoDb);
    }

    private static ObjectNode getAllBody() {
        ObjectNode body = body(CHAIN_A_ACCESS_TOKEN);
        body.set("Limitation", limitation(10));
        return body;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/connector/v1/loyaltyMemberships/GetAll",
                "/api/connector/v1/loyaltyMemberships/getAll/",
                "/api/connector/v1/loyaltymemberships/getAll",
                "/api/connector/v1/loyaltyMemberships/getall",
                "/api/connector/v1/loyaltyMemberships/",
                "/api/connector/v1/loyaltyMemberships/get",
                "/",
                "/api/connector/v1/customers/getAll"
            })
    void anyOtherPathIsA404(String path) {
        Response response = api.send(
                "POST",
                path,
                Map.of("content-type", "application/json"),
                getAllBody().toString().getBytes(StandardCharsets.UTF_8));
        response.assertError(404, "Not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
    void anyOtherMethodIsA404(String method) {
        api.send(
                        method,
                        "/api/connector/v1/loyaltyMemberships/getAll",
                        Map.of("content-type", "application/json"),
                        getAllBody().toString().getBytes(StandardCharsets.UTF_8))
                .assertError(404, "Not found");
    }

    @Test
    void everyResponseCarriesItsOwnRequestId() {
        Response ok = api.post("getAll", getAllBody());
        Response otherOk = api.post("getAll", getAllBody());
        Response error = api.post("getAll", body(CHAIN_A_ACCESS_TOKEN));
        Response notFound = api.send("POST", "/nowhere", Map.of(), new byte[0]);
        assertEquals(200, ok.status());
        String id = ok.header("Request-Id").orElseThrow();
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        assertNotEquals(id, otherOk.header("Request-Id").orElseThrow());
        assertNotEquals(id, error.header("Request-Id").orElseThrow());
        error.assertError(400, "Invalid Limitation");
        notFound.assertError(404, "Not found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=utf-8",
                "Application/JSON;charset=UTF-8",
                "application/json; charset=\"utf-8\""
            })
    void acceptsJsonWithAnOptionalCharset(String contentType) {
        Response response = api.post(
                "getAll", Map.of("content-type", contentType), getAllBody().toString());
        assertEquals(200, response.status(), response.body());
        assertEquals(
                "application/json; charset=utf-8",
                response.header("Content-Type").orElseThrow());
    }

    @Test
    void acceptsABodyWithoutContentType() {
        assertEquals(200, api.post("getAll", Map.of(), getAllBody().toString()).status());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/json; charset=iso-8859-1",
                "application/xml"
            })
    void refusesOtherContentTypes(String contentType) {
        api.post("getAll", Map.of("content-type", contentType), getAllBody().toString())
                .assertError(400, "Invalid Content-Type");
    }

    @Test
    void preferReturnMinimalEmptiesDeleteAndEmptyPages() {
        Map<String, String> minimal = Map.of("content-type", "application/json", "prefer", "return=minimal");
        Response emptyPage = api.post("getAll", minimal, getAllBody().toString());
        assertEquals(204, emptyPage.status());
        assertNull(emptyPage.body());
        assertTrue(emptyPage.header("Request-Id").isPresent());

        ObjectNode add = body(CHAIN_A_ACCESS_TOKEN);
        add.set("LoyaltyMemberships", TestApi.array(item(UUID.randomUUID(), UUID.randomUUID(), false)));
        Response added = api.post("add", minimal, add.toString());
        assertEquals(200, added.status(), "add always answers with its body");
        String id = added.memberships().get(0).get("Id").asText();

        Response page = api.post(
                "getAll",
                Map.of("content-type", "application/json", "prefer", "respond-async, return=minimal"),
                getAllBody().toString());
        assertEquals(200, page.status(), "a page that is not empty keeps its body");
        assertEquals(1, page.memberships().size());

        ObjectNode update = body(CHAIN_A_ACCESS_TOKEN);
        update.set(
                "LoyaltyMembershipUpdates",
                TestApi.array(TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", id)));
        assertEquals(
                200, api.post("update", minimal, update.toString()).status(), "update always answers with its body");

        ObjectNode delete = body(CHAIN_A_ACCESS_TOKEN);
        delete.set("LoyaltyMembershipIds", TestApi.array(id));
        Response deleted = api.post("delete", minimal, delete.toString());
        assertEquals(204, deleted.status());
        assertNull(deleted.body());
        assertTrue(deleted.header("Request-Id").isPresent());
        assertTrue(deleted.header("Content-Type").isEmpty());

        Response deletedAgain = api.post("delete", delete);
        assertEquals(200, deletedAgain.status());
        assertEquals("{}", deletedAgain.body());
    }

    @Test
    void aBodyOver6MiBIsA413() {
        byte[] body = new byte[6 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        api.send("POST", "/api/connector/v1/loyaltyMemberships/add", Map.of("content-type", "application/json"), body)
                .assertError(413, "The request body is larger than 6291456 bytes");
        byte[] limit = new byte[6 * 1024 * 1024];
        Arrays.fill(limit, (byte) ' ');
        byte[] json = getAllBody().toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, limit, 0, json.length);
        assertEquals(
                200,
                api.send("POST", "/api/connector/v1/loyaltyMemberships/getAll", Map.of(), limit)
                        .status(),
                "exactly 6 MiB is still accepted");
    }
}
