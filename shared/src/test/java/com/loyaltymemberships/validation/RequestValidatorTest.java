package com.loyaltymemberships.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.contract.RequestBinder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static final String ACCOUNT = "fadd5bb6-b428-45d5-94f8-fd0d89fece6d";
    private static final String PROGRAM = "f701dafb-5765-4cf4-b1dd-1f602a740ae5";

    private final JsonCodec json = new JsonCodec();
    private final RequestValidator validator = new RequestValidator();

    private <T, R> R validate(String body, Function<JsonBody, T> type, Function<T, R> validation) {
        return validation.apply(type.apply(json.parseObject(body.getBytes(StandardCharsets.UTF_8))));
    }

    private MembershipQuery getAll(String body) {
        return validate(body, RequestBinder::getAll, validator::getAll);
    }

    private String getAllError(String body) {
        return assertThrows(ApiException.class, () -> getAll(body)).getMessage();
    }

    private List<NewMembership> add(String items) {
        return validate("{\"LoyaltyMemberships\": " + items + "}", RequestBinder::add, validator::add);
    }

    private String addError(String items) {
        ApiException e = assertThrows(ApiException.class, () -> add(items));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    private List<MembershipPatch> update(String items) {
        return validate("{\"LoyaltyMembershipUpdates\": " + items + "}", RequestBinder::update, validator::update);
    }

    private String updateError(String items) {
        return assertThrows(ApiException.class, () -> update(items)).getMessage();
    }

    private static String item(String extra) {
        return "{\"AccountId\": \"" + ACCOUNT + "\", \"LoyaltyProgramId\": \"" + PROGRAM + "\", \"IsPrimary\": false"
                + extra + "}";
    }

    // ---- getAll ----

    @Test
    void limitationAndCountAreRequiredAndBounded() {
        assertEquals("Invalid Limitation: a value is required.", getAllError("{}"));
        assertEquals("Invalid Count at Limitation.Count: a value is required.", getAllError("{\"Limitation\": {}}"));
        assertEquals(
                "Invalid Count at Limitation.Count: it must be from 1 to 1000.",
                getAllError("{\"Limitation\": {\"Count\": 0}}"));
        assertEquals(
                "Invalid Count at Limitation.Count: it must be from 1 to 1000.",
                getAllError("{\"Limitation\": {\"Count\": 1001}}"));
        assertEquals(1000, getAll("{\"Limitation\": {\"Count\": 1000}}").count());
        assertEquals(
                "Invalid Cursor at Limitation.Cursor: a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6 is required.",
                getAllError("{\"Limitation\": {\"Count\": 1, \"Cursor\": \"nope\"}}"));
    }

    @Test
    void defaultsToActiveAndTreatsEmptyArraysAsAbsent() {
        MembershipQuery query = getAll(
                "{\"Limitation\": {\"Count\": 5}, \"AccountIds\": [], \"ActivityStates\": [], \"ChainIds\": []}");
        assertEquals(Set.of(ActivityState.ACTIVE), query.activityStates());
        assertTrue(query.accountIds().isEmpty());
        assertTrue(query.chainIds().isEmpty());
        assertFalse(query.inUpdateOrder());
    }

    @Test
    void acceptsUpperCaseGuidsAndEmitsLowerCase() {
        MembershipQuery query =
                getAll("{\"Limitation\": {\"Count\": 5}, \"AccountIds\": [\"FADD5BB6-B428-45D5-94F8-FD0D89FECE6D\"]}");
        assertEquals(Set.of(UUID.fromString(ACCOUNT)), query.accountIds());
    }

    @Test
    void rejectsMalformedGuidsWithTheirIndex() {
        assertEquals(
                "Invalid AccountIds at AccountIds[1]: a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6 is required.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"AccountIds\": [\"" + ACCOUNT + "\", \"1-2-3-4-5\"]}"));
        assertEquals(
                "Invalid AccountIds at AccountIds[0]: a value is required.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"AccountIds\": [null]}"));
        assertTrue(getAllError("{\"Limitation\": {\"Count\": 5}, \"LoyaltyMembershipIds\": [\"{" + ACCOUNT + "}\"]}")
                .startsWith("Invalid LoyaltyMembershipIds"));
    }

    @Test
    void limitsArraysTo1000() {
        String ids = String.join(",", Collections.nCopies(1001, "\"" + ACCOUNT + "\""));
        assertEquals(
                "Invalid AccountIds: at most 1000 items are allowed.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"AccountIds\": [" + ids + "]}"));
        String numbers = String.join(",", Collections.nCopies(1001, "\"N\""));
        assertEquals(
                "Invalid Codes: at most 1000 items are allowed.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"Codes\": [" + numbers + "]}"));
    }

    @Test
    void unitesMembershipNumbersAndCodes() {
        MembershipQuery query =
                getAll("{\"Limitation\": {\"Count\": 5}, \"MembershipNumbers\": [\"A\"], \"Codes\": [\"B\", \"A\"]}");
        assertEquals(Set.of("A", "B"), query.membershipNumbers());
    }

    /** Filter values no longer than stored values can be: what add refuses, a filter refuses too. */
    @Test
    void textFiltersAreAsLongAsTheValuesTheyMatchAtMost() {
        String number = "\"" + "n".repeat(255) + "\"";
        String provider = "\"" + "p".repeat(100) + "\"";
        assertEquals(
                2,
                getAll("{\"Limitation\": {\"Count\": 5}, \"MembershipNumbers\": [" + number
                                + "], \"ProviderMembershipIds\": [" + provider + "], \"Codes\": [\"x\"]}")
                        .membershipNumbers()
                        .size());
        assertEquals(
                "Invalid MembershipNumbers at MembershipNumbers[1]: at most 255 characters are allowed.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"MembershipNumbers\": [\"a\", \"" + "n".repeat(256)
                        + "\"]}"));
        assertEquals(
                "Invalid Codes at Codes[0]: at most 255 characters are allowed.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"Codes\": [\"" + "n".repeat(256) + "\"]}"));
        assertEquals(
                "Invalid ProviderMembershipIds at ProviderMembershipIds[0]: at most 100 characters are allowed.",
                getAllError(
                        "{\"Limitation\": {\"Count\": 5}, \"ProviderMembershipIds\": [\"" + "p".repeat(101) + "\"]}"));
    }

    @Test
    void enumValuesAreExact() {
        assertEquals(
                "Invalid MembershipStates at MembershipStates[1]: the value is not one of the allowed values.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"MembershipStates\": [\"New\", \"Cancelled\"]}"));
        assertEquals(
                "Invalid ActivityStates at ActivityStates[0]: the value is not one of the allowed values.",
                getAllError("{\"Limitation\": {\"Count\": 5}, \"ActivityStates\": [\"active\"]}"));
        assertEquals(
                Set.of(MembershipState.CANCELED, MembershipState.DECLINED),
                getAll("{\"Limitation\": {\"Count\": 5}, \"MembershipStates\": [\"Canceled\", \"Declined\"]}")
                        .states());
    }

    @Test
    void intervalsAreHalfOpenAtTheMillisecondAndAtMostThreeMonths() {
        MembershipQuery query = getAll(
                "{\"Limitation\": {\"Count\": 5}, \"UpdatedUtc\": {\"StartUtc\": \"2022-10-15T02:00:00.1234567+02:00\", \"EndUtc\": \"2022-10-20T00:00:00Z\"}}");
        TimeWindow window = query.updated().orElseThrow();
        assertEquals(Instant.parse("2022-10-15T00:00:00.123Z"), window.from());
        assertEquals(Instant.parse("2022-10-20T00:00:00Z"), window.until());
        assertTrue(query.inUpdateOrder());

        TimeWindow instant = getAll(
                        "{\"Limitation\": {\"Count\": 5}, \"CreatedUtc\": {\"StartUtc\": \"2022-10-15T00:00:00Z\", \"EndUtc\": \"2022-10-15T00:00:00Z\"}}")
                .created()
                .orElseThrow();
        assertTrue(instant.contains(Instant.parse("2022-10-15T00:00:00Z")));
        assertTrue(!instant.contains(Instant.parse("2022-10-15T00:00:00.001Z")));

        assertEquals(
                Instant.parse("2022-04-30T00:00:00Z"),
                getAll(
                                "{\"Limitation\": {\"Count\": 5}, \"CreatedUtc\": {\"StartUtc\": \"2022-01-31T00:00:00Z\", \"EndUtc\": \"2022-04-30T00:00:00Z\"}}")
                        .created()
                        .orElseThrow()
                        .until());
        assertEquals(
                "Invalid CreatedUtc: the interval is longer than 3 months.",
                getAllError(
                        "{\"Limitation\": {\"Count\": 5}, \"CreatedUtc\": {\"StartUtc\": \"2022-01-31T00:00:00Z\", \"EndUtc\": \"2022-04-30T00:00:00.001Z\"}}"));
        assertEquals(
                "Invalid CreatedUtc: EndUtc is before StartUtc.",
                getAllError(
                        "{\"Limitation\": {\"Count\": 5}, \"CreatedUtc\": {\"StartUtc\": \"2022-10-15T00:00:00Z\", \"EndUtc\": \"2022-10-14T00:00:00Z\"}}"));
        assertEquals(
                "Invalid EndUtc at CreatedUtc.EndUtc: a value is required.",
                getAllError(
                        "{\"Limitation\": {\"Count\": 5}, \"CreatedUtc\": {\"StartUtc\": \"2022-10-15T00:00:00Z\"}}"));
        assertTrue(
                getAllError(
                                "{\"Limitation\": {\"Count\": 5}, \"CreatedUtc\": {\"StartUtc\": \"2022-10-15T00:00:00\", \"EndUtc\": \"2022-10-16T00:00:00Z\"}}")
                        .startsWith(
                                "Invalid StartUtc at CreatedUtc.StartUtc: an ISO 8601 date-time with Z or an offset is required"));
    }

    // ---- add ----

    @Test
    void addAppliesDefaultsAndAliases() {
        NewMembership m = add("[" + item(", \"Code\": \"C-1\"") + "]").get(0);
        assertEquals(MembershipState.ENROLLED, m.state());
        assertEquals(Optional.of("C-1"), m.membershipNumber());
        assertEquals(
                Optional.of("M-1"),
                add("[" + item(", \"Code\": \"C-1\", \"MembershipNumber\": \"M-1\"") + "]")
                        .get(0)
                        .membershipNumber());
        assertEquals(
                Optional.empty(),
                add("[" + item(", \"MembershipNumber\": \"\"") + "]").get(0).membershipNumber());
    }

    @Test
    void addRequiresItsProperties() {
        assertEquals(
                "Invalid LoyaltyMemberships: a value is required.",
                assertThrows(ApiException.class, () -> validate("{}", RequestBinder::add, validator::add))
                        .getMessage());
        assertEquals("Invalid LoyaltyMemberships: at least one item is required.", addError("[]"));
        assertEquals("Invalid LoyaltyMemberships at LoyaltyMemberships[0]: a value is required.", addError("[null]"));
        assertEquals(
                "Invalid AccountId at LoyaltyMemberships[1].AccountId: a value is required.",
                addError("[" + item("") + ", {\"LoyaltyProgramId\": \"" + PROGRAM + "\", \"IsPrimary\": true}]"));
        assertEquals(
                "Invalid IsPrimary at LoyaltyMemberships[0].IsPrimary: a value is required.",
                addError("[{\"AccountId\": \"" + ACCOUNT + "\", \"LoyaltyProgramId\": \"" + PROGRAM + "\"}]"));
        String many = String.join(",", Collections.nCopies(1001, item("")));
        assertEquals("Invalid LoyaltyMemberships: at most 1000 items are allowed.", addError("[" + many + "]"));
        assertEquals(
                1000,
                add("[" + String.join(",", Collections.nCopies(1000, item(""))) + "]")
                        .size());
    }

    @Test
    void addChecksValues() {
        assertTrue(addError("[" + item(", \"State\": \"Cancelled\"") + "]")
                .startsWith("Invalid State at LoyaltyMemberships[0].State"));
        assertEquals(
                "Invalid MembershipNumber at LoyaltyMemberships[0].MembershipNumber: at most 255 characters are allowed.",
                addError("[" + item(", \"MembershipNumber\": \"" + "x".repeat(256) + "\"") + "]"));
        assertEquals(
                Optional.of("é".repeat(255)),
                add("[" + item(", \"MembershipNumber\": \"" + "é".repeat(255) + "\"") + "]")
                        .get(0)
                        .membershipNumber());
        assertTrue(addError("[" + item(", \"Url\": \"ftp://example.com/x\"") + "]")
                .startsWith("Invalid Url at LoyaltyMemberships[0].Url"));
        assertTrue(addError("[" + item(", \"Url\": \"/relative\"") + "]").startsWith("Invalid Url"));
        assertTrue(addError("[" + item(", \"Url\": \"https://example.com/" + "x".repeat(2030) + "\"") + "]")
                .startsWith("Invalid Url"));
        assertTrue(addError("[" + item(", \"LoyaltyTierId\": \"nope\"") + "]")
                .startsWith("Invalid LoyaltyTierId at LoyaltyMemberships[0].LoyaltyTierId"));
    }

    @Test
    void expirationDateAcceptsDatesAndDateTimesAndKeepsSeconds() {
        assertEquals(
                Optional.of(Instant.parse("2029-12-24T00:00:00Z")),
                add("[" + item(", \"ExpirationDate\": \"2029-12-24\"") + "]")
                        .get(0)
                        .expirationDate());
        assertEquals(
                Optional.of(Instant.parse("2029-11-04T13:00:00Z")),
                add("[" + item(", \"ExpirationDate\": \"2029-11-04T14:00:00.987+01:00\"") + "]")
                        .get(0)
                        .expirationDate());
        assertTrue(addError("[" + item(", \"ExpirationDate\": \"2029-02-30\"") + "]")
                .startsWith("Invalid ExpirationDate"));
        assertTrue(addError("[" + item(", \"ExpirationDate\": \"24.12.2029\"") + "]")
                .startsWith("Invalid ExpirationDate"));
        assertTrue(addError("[" + item(", \"ExpirationDate\": \"2029-12-24T00:00:00\"") + "]")
                .startsWith("Invalid ExpirationDate"));
    }

    // ---- update ----

    @Test
    void updateDistinguishesAbsentSetAndCleared() {
        MembershipPatch patch = update(
                        "[{\"LoyaltyMembershipId\": \"" + ACCOUNT
                                + "\", \"Points\": {\"Value\": 42}, \"Url\": {\"Value\": null},"
                                + " \"MembershipNumber\": null, \"Code\": {\"Value\": \"C\"}, \"ProviderMembershipId\": {\"Value\": \"\"}}]")
                .get(0);
        assertEquals(Optional.of(NewValue.of(42)), patch.points());
        assertEquals(Optional.of(NewValue.cleared()), patch.url());
        assertEquals(
                Optional.of(NewValue.of("C")),
                patch.membershipNumber(),
                "null MembershipNumber is absent, so Code applies");
        assertEquals(Optional.of(NewValue.cleared()), patch.providerMembershipId());
        assertEquals(Optional.empty(), patch.state());
        assertEquals(Optional.empty(), patch.loyaltyTierId());
    }

    @Test
    void updateRefusesNullForFieldsThatCannotBeEmpty() {
        String id = "\"LoyaltyMembershipId\": \"" + ACCOUNT + "\"";
        assertEquals(
                "Invalid State at LoyaltyMembershipUpdates[0].State: Value is required and cannot be null.",
                updateError("[{" + id + ", \"State\": {\"Value\": null}}]"));
        assertEquals(
                "Invalid IsPrimary at LoyaltyMembershipUpdates[0].IsPrimary: Value is required and cannot be null.",
                updateError("[{" + id + ", \"IsPrimary\": {}}]"));
        assertTrue(updateError("[{" + id + ", \"LoyaltyProgramId\": {\"Value\": null}}]")
                .startsWith("Invalid LoyaltyProgramId at LoyaltyMembershipUpdates[0].LoyaltyProgramId"));
        assertTrue(updateError("[{" + id + ", \"ProviderMembershipId\": {\"Value\": \"" + "p".repeat(101) + "\"}}]")
                .startsWith("Invalid ProviderMembershipId"));
    }

    @Test
    void updateRefusesTheSameIdTwice() {
        String item = "{\"LoyaltyMembershipId\": \"" + ACCOUNT + "\"}";
        String upper = "{\"LoyaltyMembershipId\": \"" + ACCOUNT.toUpperCase() + "\"}";
        assertEquals(
                "Invalid LoyaltyMembershipId at LoyaltyMembershipUpdates[1].LoyaltyMembershipId: the same membership is also updated by item 0.",
                updateError("[" + item + "," + upper + "]"));
    }

    // ---- delete ----

    @Test
    void deleteNeedsOneTo1000Guids() {
        assertEquals(
                "Invalid LoyaltyMembershipIds: at least one item is required.",
                assertThrows(
                                ApiException.class,
                                () -> validate(
                                        "{\"LoyaltyMembershipIds\": []}", RequestBinder::delete, validator::delete))
                        .getMessage());
        assertTrue(assertThrows(
                        ApiException.class,
                        () -> validate(
                                "{\"LoyaltyMembershipIds\": [\"" + ACCOUNT + "\", \"x\"]}",
                                RequestBinder::delete,
                                validator::delete))
                .getMessage()
                .startsWith("Invalid LoyaltyMembershipIds at LoyaltyMembershipIds[1]"));
    }
}
