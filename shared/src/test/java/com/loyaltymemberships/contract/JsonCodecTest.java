package com.loyaltymemberships.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

    private final JsonCodec json = new JsonCodec();

    private <T> T bind(String body, Function<JsonBody, T> type) {
        return type.apply(json.parseObject(body.getBytes(StandardCharsets.UTF_8)));
    }

    private ApiException rejected(String body, Function<JsonBody, ?> type) {
        return assertThrows(ApiException.class, () -> bind(body, type));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"ChainId\": \"x\",}", // trailing comma
                "{\"ChainId\": \"x\" /* comment */}", // comment
                "{'ChainId': 'x'}", // single quotes
                "{ChainId: \"x\"}", // unquoted name
                "{\"Points\": 01}", // leading zero
                "{\"ChainId\": \"x\"} {}", // trailing content
                "{\"ChainId\": \"x\", \"ChainId\": \"y\"}", // duplicate name
                "{\"Points\": 1, \"points\": 2}", // duplicate name in another case: names match case-insensitively
                "{\"Items\": [{\"A\": 1, \"a\": 2}]}", // in a nested object too
                "{\"\\uDBFF\": 1}", // in a property name
                "{\"ChainId\": NaN}",
                "",
                "[]",
                "\"text\"",
                "null"
            })
    void rejectsAnythingButOneStrictJsonObject(String body) {
        ApiException e =
                assertThrows(ApiException.class, () -> json.parseObject(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("Invalid request body"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"Number\": \"\\uD800\"}                          | Invalid Number: the text is not valid Unicode",
                "{\"Number\": \"x\\uDC00y\"}                        | Invalid Number: the text is not valid Unicode",
                "{\"Items\": [{\"Code\": \"\\uDC00\\uD800\"}]}       | Invalid Code at Items[0].Code: the text is not valid Unicode",
                "{\"Numbers\": [\"a\", \"\\uD800\"]}                | Invalid Numbers at Numbers[1]: the text is not valid Unicode",
                "{\"U\": [{\"Code\": {\"Value\": \"\\uD800\"}}]}     | Invalid Code at U[0].Code.Value: the text is not valid Unicode",
            })
    void namesTextThatIsNotUnicode(String body, String message) {
        ApiException e =
                assertThrows(ApiException.class, () -> json.parseObject(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void keepsSurrogatePairs() {
        assertEquals(
                "\uD83D\uDE00",
                json.parseObject("{\"Number\": \"\\uD83D\\uDE00\"}".getBytes(StandardCharsets.UTF_8))
                        .text("Number")
                        .orElseThrow());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertEquals(
                400,
                assertThrows(ApiException.class, () -> json.parseObject(body)).status());
    }

    @Test
    void matchesPropertyNamesCaseInsensitivelyAndIgnoresUnknownOnes() {
        AddRequest request = bind(
                "{\"chainid\": \"c\", \"LOYALTYMEMBERSHIPS\": [{\"accountId\": \"a\", \"isprimary\": true, \"Extra\": 1}], \"Unknown\": {}}",
                RequestBinder::add);
        assertEquals("c", request.chainId());
        assertEquals("a", request.loyaltyMemberships().get(0).accountId());
        assertEquals(Boolean.TRUE, request.loyaltyMemberships().get(0).isPrimary());
        assertNull(request.loyaltyMemberships().get(0).points());
    }

    @Test
    void findsTokensCaseInsensitively() {
        var body = json.parseObject("{\"clienttoken\": \"c\", \"AccessToken\": 5}".getBytes(StandardCharsets.UTF_8));
        assertEquals("c", body.text("ClientToken").orElseThrow());
        assertTrue(body.text("AccessToken").isEmpty(), "a token that is not a string is no token");
    }

    @Test
    void refusesCoercionBetweenStringsNumbersAndBooleans() {
        assertEquals(
                "Invalid Points at LoyaltyMemberships[0].Points: a whole number (32-bit) is required.",
                rejected("{\"LoyaltyMemberships\": [{\"Points\": \"22\"}]}", RequestBinder::add)
                        .getMessage());
        assertEquals(
                "Invalid Points at LoyaltyMemberships[1].Points: a whole number (32-bit) is required.",
                rejected("{\"LoyaltyMemberships\": [{}, {\"Points\": 2.5}]}", RequestBinder::add)
                        .getMessage());
        assertEquals(
                "Invalid IsPrimary at LoyaltyMemberships[0].IsPrimary: true or false is required.",
                rejected("{\"LoyaltyMemberships\": [{\"IsPrimary\": 1}]}", RequestBinder::add)
                        .getMessage());
        assertEquals(
                "Invalid IsPrimary at LoyaltyMemberships[0].IsPrimary: true or false is required.",
                rejected("{\"LoyaltyMemberships\": [{\"IsPrimary\": \"true\"}]}", RequestBinder::add)
                        .getMessage());
        assertEquals(
                "Invalid AccountId at LoyaltyMemberships[0].AccountId: a string is required.",
                rejected("{\"LoyaltyMemberships\": [{\"AccountId\": 42}]}", RequestBinder::add)
                        .getMessage());
        assertEquals(
                "Invalid ChainId: a string is required.",
                rejected("{\"ChainId\": true}", RequestBinder::add).getMessage());
        assertEquals(
                "Invalid LoyaltyMemberships: an array is required.",
                rejected("{\"LoyaltyMemberships\": {}}", RequestBinder::add).getMessage());
        assertEquals(
                "Invalid LoyaltyMemberships: an array is required.",
                rejected("{\"LoyaltyMemberships\": \"\"}", RequestBinder::add).getMessage());
    }

    @Test
    void reportsNumbersOutOfRange() {
        assertEquals(
                "Invalid Points at LoyaltyMemberships[0].Points: the number is out of range.",
                rejected("{\"LoyaltyMemberships\": [{\"Points\": 2147483648}]}", RequestBinder::add)
                        .getMessage());
        assertEquals(
                2147483647,
                bind("{\"LoyaltyMemberships\": [{\"Points\": 2147483647}]}", RequestBinder::add)
                        .loyaltyMemberships()
                        .get(0)
                        .points());
        assertEquals(
                "Invalid Count at Limitation.Count: the number is out of range.",
                rejected("{\"Limitation\": {\"Count\": 99999999999999999999}}", RequestBinder::getAll)
                        .getMessage());
    }

    @Test
    void readsUpdateWrappers() {
        UpdateRequest request = bind(
                "{\"LoyaltyMembershipUpdates\": [{\"Points\": {\"Value\": 42}, \"Url\": {\"Value\": null}, \"State\": null, \"Code\": {}}]}",
                RequestBinder::update);
        UpdateRequest.Item item = request.loyaltyMembershipUpdates().get(0);
        assertEquals(42, item.points().value());
        assertNull(item.url().value(), "{\"Value\": null} is a wrapper holding null");
        assertNull(item.state(), "null is no wrapper");
        assertNull(item.code().value());
        assertNull(item.membershipNumber(), "absent is no wrapper");
        assertEquals(
                "Invalid Points at LoyaltyMembershipUpdates[0].Points: an object is required.",
                rejected("{\"LoyaltyMembershipUpdates\": [{\"Points\": 42}]}", RequestBinder::update)
                        .getMessage());
        assertEquals(
                "Invalid Value at LoyaltyMembershipUpdates[0].Points.Value: a whole number (32-bit) is required.",
                rejected("{\"LoyaltyMembershipUpdates\": [{\"Points\": {\"Value\": \"42\"}}]}", RequestBinder::update)
                        .getMessage());
    }

    @Test
    void writesPropertiesInContractOrderWithNulls() {
        MembershipView view = new MembershipView(
                "i",
                "c",
                "a",
                "p",
                "New",
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new MembershipView.ProfileView("Integration", null),
                new MembershipView.ProfileView("Integration", null));
        String written = new String(json.write(MembershipsResponse.of(List.of(view))), StandardCharsets.UTF_8);
        assertEquals(
                "{\"LoyaltyMemberships\":[{\"Id\":\"i\",\"ChainId\":\"c\",\"AccountId\":\"a\",\"LoyaltyProgramId\":\"p\","
                        + "\"State\":\"New\",\"IsPrimary\":true,\"ProviderMembershipId\":null,\"Code\":null,\"MembershipNumber\":null,"
                        + "\"Points\":null,\"ExpirationDate\":null,\"Url\":null,\"LoyaltyTierId\":null,"
                        + "\"CreatorProfile\":{\"Discriminator\":\"Integration\",\"EnterpriseProfile\":null},"
                        + "\"UpdaterProfile\":{\"Discriminator\":\"Integration\",\"EnterpriseProfile\":null}}],\"Cursor\":\"i\"}",
                written);
        assertEquals(
                "{\"Message\":\"m\",\"RequestId\":\"r\",\"Details\":null}",
                new String(json.write(new ErrorBody("m", "r", null)), StandardCharsets.UTF_8));
        assertEquals(
                "{\"LoyaltyMemberships\":[],\"Cursor\":null}",
                new String(json.write(MembershipsResponse.of(List.of())), StandardCharsets.UTF_8));
    }
}
