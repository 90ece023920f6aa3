package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.HostileCase.add;
import static com.loyaltymemberships.acceptance.HostileCase.delete;
import static com.loyaltymemberships.acceptance.HostileCase.getAll;
import static com.loyaltymemberships.acceptance.HostileCase.update;
import static com.loyaltymemberships.acceptance.HostileValue.CONTROL_CHARACTERS;
import static com.loyaltymemberships.acceptance.HostileValue.DATE_FEBRUARY_30;
import static com.loyaltymemberships.acceptance.HostileValue.DATE_ONLY;
import static com.loyaltymemberships.acceptance.HostileValue.DATE_TIME_IN_YEAR_10000_UTC;
import static com.loyaltymemberships.acceptance.HostileValue.DATE_TIME_LEAP_SECOND;
import static com.loyaltymemberships.acceptance.HostileValue.DATE_TIME_NANOSECONDS;
import static com.loyaltymemberships.acceptance.HostileValue.DATE_TIME_WITHOUT_ZONE;
import static com.loyaltymemberships.acceptance.HostileValue.DATE_TIME_WITH_OFFSET;
import static com.loyaltymemberships.acceptance.HostileValue.DEEP_ARRAYS;
import static com.loyaltymemberships.acceptance.HostileValue.DEEP_OBJECTS;
import static com.loyaltymemberships.acceptance.HostileValue.EMOJI_256;
import static com.loyaltymemberships.acceptance.HostileValue.EMPTY_ARRAY;
import static com.loyaltymemberships.acceptance.HostileValue.EMPTY_OBJECT;
import static com.loyaltymemberships.acceptance.HostileValue.FRACTION;
import static com.loyaltymemberships.acceptance.HostileValue.GUID_FULLWIDTH_DIGITS;
import static com.loyaltymemberships.acceptance.HostileValue.GUID_IN_BRACES;
import static com.loyaltymemberships.acceptance.HostileValue.GUID_SHORT_GROUPS;
import static com.loyaltymemberships.acceptance.HostileValue.GUID_UPPER_CASE;
import static com.loyaltymemberships.acceptance.HostileValue.GUID_URN;
import static com.loyaltymemberships.acceptance.HostileValue.GUID_WITHOUT_HYPHENS;
import static com.loyaltymemberships.acceptance.HostileValue.HUGE_EXPONENT;
import static com.loyaltymemberships.acceptance.HostileValue.HUGE_INTEGER;
import static com.loyaltymemberships.acceptance.HostileValue.INFINITY;
import static com.loyaltymemberships.acceptance.HostileValue.INT32_MAX;
import static com.loyaltymemberships.acceptance.HostileValue.INT32_MIN_MINUS_ONE;
import static com.loyaltymemberships.acceptance.HostileValue.LONE_HIGH_SURROGATE;
import static com.loyaltymemberships.acceptance.HostileValue.LONE_LOW_SURROGATE;
import static com.loyaltymemberships.acceptance.HostileValue.MINUS_INFINITY;
import static com.loyaltymemberships.acceptance.HostileValue.NAN;
import static com.loyaltymemberships.acceptance.HostileValue.NESTED_ARRAYS;
import static com.loyaltymemberships.acceptance.HostileValue.NUMBER;
import static com.loyaltymemberships.acceptance.HostileValue.NUMBER_AS_TEXT;
import static com.loyaltymemberships.acceptance.HostileValue.RAW_CONTROL_CHARACTER;
import static com.loyaltymemberships.acceptance.HostileValue.REVERSED_SURROGATES;
import static com.loyaltymemberships.acceptance.HostileValue.TEXT_2049;
import static com.loyaltymemberships.acceptance.HostileValue.THOUSAND_DIGITS;
import static com.loyaltymemberships.acceptance.HostileValue.TRUE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.local.DemoMemberships;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Named hostile requests, one row each, and the exact answer each must get: bad input is a 400 (413 when too
 * large) with a Mews-style Message naming the problem, never a 500, and it changes nothing in the store. Each row
 * spoils one documented request (events/, SPEC §10) in one place, so that everything else in it is valid.
 * Expectations come from SPEC.md and docs/DECISIONS.md.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class HostileInputTest {

    private static final String ACCOUNT = "fadd5bb6-b428-45d5-94f8-fd0d89fece6d";
    private static final String OTHER_ACCOUNT = "bccdafd1-3e44-439d-861f-341526b597a9";
    private static final String ITEM = "LoyaltyMemberships[0].";
    private static final String UPDATE = "LoyaltyMembershipUpdates[0].";
    private static final String NOT_JSON = "Invalid request body: it is not valid JSON";
    private static final String NOT_AN_OBJECT = "Invalid request body: a JSON object is required";
    private static final String UNAUTHORIZED = "Invalid or missing ClientToken or AccessToken";
    private static final Set<String> TOKENS = Set.of("ClientToken", "AccessToken");

    private static StoreWatch store;
    private static TestApi api;

    @BeforeAll
    static void start(DynamoDbEngine engine) {
        // Rate limit off: hundreds of requests with one token. The update and delete examples act on the demo
        // memberships.
        store = new StoreWatch(engine);
        api = TestApi.create(store.client, 0, 30);
        DemoMemberships.seed(store.client, api.tableName);
        store.watch(api);
    }

    @AfterAll
    static void stop() {
        store.client.close();
    }

    static Stream<HostileCase> cases() {
        return Stream.of(
                // ---- deep nesting ----
                getAll("10 000 nested arrays in an unknown property")
                        .set("Nested", DEEP_ARRAYS)
                        .is(400, "Invalid request body"),
                add("10 000 nested objects where a GUID belongs")
                        .set(ITEM + "AccountId", DEEP_OBJECTS)
                        .is(400, "Invalid request body"),
                getAll("500 nested arrays in an unknown property are ignored")
                        .set("Nested", NESTED_ARRAYS)
                        .is(200),
                getAll("500 nested arrays where a GUID belongs")
                        .set("AccountIds", NESTED_ARRAYS)
                        .is(400, invalid("AccountIds[0]")),

                // ---- duplicate names: strict JSON (DECISIONS) ----
                getAll("ClientToken twice")
                        .text(s -> s.replaceFirst("\\{", "{\"ClientToken\":\"other\","))
                        .is(400, "Invalid request body"),
                add("AccountId twice in an item")
                        .text(s -> s.replace(
                                "\"AccountId\":\"" + ACCOUNT + "\"",
                                "\"AccountId\":\"" + ACCOUNT + "\",\"AccountId\":\"" + OTHER_ACCOUNT + "\""))
                        .is(400, "Invalid request body"),
                update("Value twice in a wrapper")
                        .text(s -> s.replace("{\"Value\":42}", "{\"Value\":42,\"Value\":43}"))
                        .is(400, "Invalid request body"),
                add("Points and points: one property twice, names being case-insensitive")
                        .set(ITEM + "points", "23")
                        .is(400, "Invalid request body"),

                // ---- not a JSON object ----
                getAll("an empty body").text(s -> "").is(400, NOT_AN_OBJECT),
                getAll("an array").text(s -> "[" + s + "]").is(400, NOT_AN_OBJECT),
                getAll("a trailing comma")
                        .text(s -> s.substring(0, s.length() - 1) + ",}")
                        .is(400, NOT_JSON),

                // ---- huge numbers ----
                add("Points: 30 digits").set(ITEM + "Points", HUGE_INTEGER).is(400, invalid(ITEM + "Points")),
                add("Points: 1001 digits").set(ITEM + "Points", THOUSAND_DIGITS).is(400, "Invalid request body"),
                add("Points: 1e400").set(ITEM + "Points", HUGE_EXPONENT).is(400, invalid(ITEM + "Points")),
                add("Points: 22.5").set(ITEM + "Points", FRACTION).is(400, invalid(ITEM + "Points")),
                add("Points: -2147483649")
                        .set(ITEM + "Points", INT32_MIN_MINUS_ONE)
                        .is(400, invalid(ITEM + "Points")),
                add("Points: 2147483647 is an int32")
                        .set(ITEM + "Points", INT32_MAX)
                        .is(200)
                        .then(r -> assertEquals(
                                Integer.MAX_VALUE,
                                r.memberships().get(0).get("Points").asInt())),
                update("Points Value: 1e400")
                        .set(UPDATE + "Points.Value", HUGE_EXPONENT)
                        .is(400, invalid(UPDATE + "Points.Value")),
                getAll("Count: 1e3").set("Limitation.Count", "1e3").is(400, invalid("Limitation.Count")),
                getAll("Count: 30 digits").set("Limitation.Count", HUGE_INTEGER).is(400, invalid("Limitation.Count")),

                // ---- NaN and Infinity: not JSON ----
                add("Points: NaN").set(ITEM + "Points", NAN).is(400, NOT_JSON),
                add("Points: Infinity").set(ITEM + "Points", INFINITY).is(400, NOT_JSON),
                getAll("Count: -Infinity")
                        .set("Limitation.Count", MINUS_INFINITY)
                        .is(400, NOT_JSON),
                add("Points: \"NaN\", a string").set(ITEM + "Points", "\"NaN\"").is(400, invalid(ITEM + "Points")),

                // ---- control characters ----
                add("a raw control character in a string")
                        .set(ITEM + "MembershipNumber", RAW_CONTROL_CHARACTER)
                        .is(400, NOT_JSON),
                add("a raw tab in a string")
                        .set(ITEM + "MembershipNumber", "\"a\tb\"")
                        .is(400, NOT_JSON),
                add("escaped control characters are text like any other")
                        .set(ITEM + "MembershipNumber", CONTROL_CHARACTERS)
                        .is(200)
                        .then(r -> assertEquals(
                                "a\u0000b\u001fc\u007f",
                                r.memberships().get(0).get("MembershipNumber").asText())),
                add("an escaped NUL after a GUID")
                        .set(ITEM + "AccountId", "\"" + ACCOUNT + "\\u0000\"")
                        .is(400, invalid(ITEM + "AccountId")),
                getAll("a NUL in Content-Type")
                        .header("content-type", "application/json\u0000")
                        .is(400, "Invalid Content-Type"),

                // ---- lone surrogates: valid JSON, not Unicode. Decision: 400 Invalid {Property}, as for any value
                // that cannot be ----
                add("a lone high surrogate in MembershipNumber")
                        .set(ITEM + "MembershipNumber", LONE_HIGH_SURROGATE)
                        .is(400, invalid(ITEM + "MembershipNumber")),
                add("a lone low surrogate in Url")
                        .set(ITEM + "Url", "\"https://rewards.example.com/\\uDC00\"")
                        .is(400, invalid(ITEM + "Url")),
                add("reversed surrogates in Code")
                        .set(ITEM + "Code", REVERSED_SURROGATES)
                        .set(ITEM + "MembershipNumber", "null")
                        .is(400, invalid(ITEM + "Code")),
                update("a lone surrogate in ProviderMembershipId")
                        .set(UPDATE + "ProviderMembershipId", "{\"Value\":" + LONE_LOW_SURROGATE.json + "}")
                        .is(400, invalid(UPDATE + "ProviderMembershipId")),
                getAll("a lone surrogate in a MembershipNumbers filter")
                        .set("MembershipNumbers[0]", LONE_HIGH_SURROGATE)
                        .is(400, invalid("MembershipNumbers[0]")),
                add("a lone surrogate where a GUID belongs")
                        .set(ITEM + "AccountId", LONE_HIGH_SURROGATE)
                        .is(400, invalid(ITEM + "AccountId")),
                getAll("a lone surrogate in an unknown property too")
                        .set("Note", LONE_HIGH_SURROGATE)
                        .is(400, invalid("Note")),
                getAll("a lone surrogate in AccessToken: not JSON text we take, before the tokens are read")
                        .set("AccessToken", LONE_HIGH_SURROGATE)
                        .is(400, invalid("AccessToken")),
                add("a surrogate encoded in UTF-8 bytes (CESU-8)")
                        .set(ITEM + "MembershipNumber", "\"@@@\"")
                        .encoded(bytesFor("@@@", 0xED, 0xA0, 0x80))
                        .is(400, NOT_JSON),
                add("a byte that is never UTF-8 (0xFF)")
                        .set(ITEM + "MembershipNumber", "\"@\"")
                        .encoded(bytesFor("@", 0xFF))
                        .is(400, NOT_JSON),

                // ---- over-long strings: lengths in Unicode characters (DECISIONS) ----
                add("MembershipNumber of 255 characters")
                        .set(ITEM + "MembershipNumber", text(255, "x"))
                        .is(200),
                add("MembershipNumber of 256 characters")
                        .set(ITEM + "MembershipNumber", text(256, "x"))
                        .is(400, invalid(ITEM + "MembershipNumber") + ": at most 255 characters"),
                add("MembershipNumber of 255 emoji, 510 UTF-16 units")
                        .set(ITEM + "MembershipNumber", text(255, "\uD83D\uDE00"))
                        .is(200)
                        .then(r -> assertEquals(
                                "\uD83D\uDE00".repeat(255),
                                r.memberships().get(0).get("MembershipNumber").asText())),
                add("MembershipNumber of 256 emoji")
                        .set(ITEM + "MembershipNumber", EMOJI_256)
                        .is(400, invalid(ITEM + "MembershipNumber") + ": at most 255 characters"),
                add("Code of 256 characters")
                        .set(ITEM + "Code", text(256, "x"))
                        .set(ITEM + "MembershipNumber", "null")
                        .is(400, invalid(ITEM + "Code") + ": at most 255 characters"),
                update("ProviderMembershipId of 100 characters")
                        .set(UPDATE + "ProviderMembershipId", "{\"Value\":" + text(100, "p") + "}")
                        .is(200),
                update("ProviderMembershipId of 101 characters")
                        .set(UPDATE + "ProviderMembershipId", "{\"Value\":" + text(101, "p") + "}")
                        .is(400, invalid(UPDATE + "ProviderMembershipId") + ": at most 100 characters"),
                add("Url of 2048 characters").set(ITEM + "Url", url(2048)).is(200),
                add("Url of 2049 characters")
                        .set(ITEM + "Url", url(2049))
                        .is(400, invalid(ITEM + "Url") + ": at most 2048 characters"),
                // ---- Url is RFC 3986 (openapi.yaml format: uri): ASCII, brackets only around an IPv6 host (DECISIONS)
                // ----
                add("a Url with a character outside ASCII")
                        .set(ITEM + "Url", "\"https://rewards.example.com/mem\\uD400ber\"")
                        .is(400, invalid(ITEM + "Url") + ": an RFC 3986 URL is required"),
                add("a Url with a raw accented letter")
                        .set(ITEM + "Url", "\"https://rewards.example.com/caf\u00e9\"")
                        .is(400, invalid(ITEM + "Url") + ": an RFC 3986 URL is required"),
                add("a Url with the same letter percent-encoded")
                        .set(ITEM + "Url", "\"https://rewards.example.com/caf%C3%A9\"")
                        .is(200),
                update("a Url with brackets in its query")
                        .set(UPDATE + "Url", "{\"Value\":\"https://rewards.example.com/?a=[1]\"}")
                        .is(400, invalid(UPDATE + "Url") + ": an RFC 3986 URL is required"),
                add("a Url with brackets in its fragment")
                        .set(ITEM + "Url", "\"https://rewards.example.com/#[1]\"")
                        .is(400, invalid(ITEM + "Url") + ": an RFC 3986 URL is required"),
                add("a Url with an IPv6 host")
                        .set(ITEM + "Url", "\"https://[2001:db8::1]/member\"")
                        .is(200),
                add("2049 characters where a GUID belongs")
                        .set(ITEM + "LoyaltyTierId", TEXT_2049)
                        .is(400, invalid(ITEM + "LoyaltyTierId")),
                getAll("a MembershipNumbers filter of 3000 characters")
                        .set("MembershipNumbers[0]", text(3000, "x"))
                        .is(400, invalid("MembershipNumbers[0]")),
                getAll("a property name of 100 000 characters")
                        .set("N".repeat(100_000), "1")
                        .is(400, "Invalid request body"),
                getAll("Client as a number").set("Client", NUMBER).is(400, "Invalid Client"),

                // ---- 1001 items (SPEC: 1..1000) ----
                add("1001 memberships")
                        .edit(fill("LoyaltyMemberships", 1001))
                        .is(400, "Invalid LoyaltyMemberships: at most 1000 items"),
                update("1001 updates")
                        .edit(fill("LoyaltyMembershipUpdates", 1001))
                        .is(400, "Invalid LoyaltyMembershipUpdates: at most 1000 items"),
                delete("1001 Ids")
                        .edit(fill("LoyaltyMembershipIds", 1001))
                        .is(400, "Invalid LoyaltyMembershipIds: at most 1000 items"),
                getAll("1001 ChainIds").edit(fill("ChainIds", 1001)).is(400, "Invalid ChainIds: at most 1000 items"),
                getAll("1001 LoyaltyMembershipIds")
                        .edit(fill("LoyaltyMembershipIds", 1001))
                        .is(400, "Invalid LoyaltyMembershipIds: at most 1000 items"),
                getAll("1001 AccountIds")
                        .edit(fill("AccountIds", 1001))
                        .is(400, "Invalid AccountIds: at most 1000 items"),
                getAll("1001 LoyaltyProgramIds")
                        .edit(fill("LoyaltyProgramIds", 1001))
                        .is(400, "Invalid LoyaltyProgramIds: at most 1000 items"),
                getAll("1001 MembershipNumbers")
                        .edit(fill("MembershipNumbers", 1001))
                        .is(400, "Invalid MembershipNumbers: at most 1000 items"),
                getAll("1001 ProviderMembershipIds")
                        .edit(fill("ProviderMembershipIds", 1001))
                        .is(400, "Invalid ProviderMembershipIds: at most 1000 items"),
                getAll("1001 Codes")
                        .edit(body -> body.putArray("Codes").add("MBR-2025-AX49ZT73"))
                        .edit(fill("Codes", 1001))
                        .is(400, "Invalid Codes: at most 1000 items"),
                getAll("Count: 1001")
                        .set("Limitation.Count", "1001")
                        .is(400, invalid("Limitation.Count") + ": it must be from 1 to 1000"),

                // ---- body size: 6 MiB, in bytes (SPEC §1). On AWS, Lambda's 6 MB event limit may refuse a body a
                // little
                // under that first (README, Known limits); these hold the service's own limit ----
                add("a valid add of 6 MiB minus 1 byte")
                        .set("Padding", "\"\"")
                        .text(padTo(LoyaltyApi.MAX_BODY_BYTES - 1, "x"))
                        .is(200),
                add("the same add at 6 MiB plus 1 byte")
                        .set("Padding", "\"\"")
                        .text(padTo(LoyaltyApi.MAX_BODY_BYTES + 1, "x"))
                        .is(413, "The request body is larger than 6291456 bytes"),
                add("6 MiB plus 1 byte in fewer than 6 Mi characters")
                        .set("Padding", "\"\"")
                        .text(padTo(LoyaltyApi.MAX_BODY_BYTES + 1, "\u00e9"))
                        .is(413, "The request body is larger than 6291456 bytes"),

                // ---- GUIDs: hyphenated only, any case (SPEC §3, §9) ----
                add("AccountId in braces")
                        .set(ITEM + "AccountId", GUID_IN_BRACES)
                        .is(400, invalid(ITEM + "AccountId")),
                add("AccountId without hyphens")
                        .set(ITEM + "AccountId", GUID_WITHOUT_HYPHENS)
                        .is(400, invalid(ITEM + "AccountId")),
                add("AccountId as a URN").set(ITEM + "AccountId", GUID_URN).is(400, invalid(ITEM + "AccountId")),
                add("AccountId 1-1-1-1-1, which java.util.UUID takes")
                        .set(ITEM + "AccountId", GUID_SHORT_GROUPS)
                        .is(400, invalid(ITEM + "AccountId")),
                add("AccountId with a full-width digit")
                        .set(ITEM + "AccountId", GUID_FULLWIDTH_DIGITS)
                        .is(400, invalid(ITEM + "AccountId")),
                add("AccountId in upper case is fine, and answered in lower case")
                        .set(ITEM + "AccountId", GUID_UPPER_CASE)
                        .is(200)
                        .then(r -> assertEquals(
                                ACCOUNT, r.memberships().get(0).get("AccountId").asText())),
                add("ChainId in braces")
                        .set("ChainId", "\"{3fa85f64-5717-4562-b3fc-2c963f66afa6}\"")
                        .is(400, "Invalid ChainId"),
                getAll("an AccountIds filter without hyphens")
                        .set("AccountIds[1]", GUID_WITHOUT_HYPHENS)
                        .is(400, invalid("AccountIds[1]")),
                getAll("Cursor in braces")
                        .set("Limitation.Cursor", GUID_IN_BRACES)
                        .is(400, invalid("Limitation.Cursor")),
                update("LoyaltyMembershipId without hyphens")
                        .set(UPDATE + "LoyaltyMembershipId", "\"905a4489096049ac996ec793f47365c92\"")
                        .is(400, invalid(UPDATE + "LoyaltyMembershipId")),
                update("LoyaltyTierId Value in braces")
                        .set(UPDATE + "LoyaltyTierId.Value", GUID_IN_BRACES)
                        .is(400, invalid(UPDATE + "LoyaltyTierId")),
                delete("an Id without hyphens")
                        .set("LoyaltyMembershipIds[1]", GUID_WITHOUT_HYPHENS)
                        .is(400, invalid("LoyaltyMembershipIds[1]")),

                // ---- dates: Z or an offset; YYYY-MM-DD only for ExpirationDate; years 0001 to 9999 ----
                add("ExpirationDate without a zone")
                        .set(ITEM + "ExpirationDate", DATE_TIME_WITHOUT_ZONE)
                        .is(400, invalid(ITEM + "ExpirationDate")),
                update("ExpirationDate Value without a zone")
                        .set(UPDATE + "ExpirationDate.Value", DATE_TIME_WITHOUT_ZONE)
                        .is(400, invalid(UPDATE + "ExpirationDate")),
                add("ExpirationDate as a date: midnight UTC")
                        .set(ITEM + "ExpirationDate", DATE_ONLY)
                        .is(200)
                        .then(expirationDate("2022-10-15T00:00:00Z")),
                add("ExpirationDate at +14:00: converted to UTC")
                        .set(ITEM + "ExpirationDate", DATE_TIME_WITH_OFFSET)
                        .is(200)
                        .then(expirationDate("2022-10-14T10:00:00Z")),
                add("ExpirationDate with nanoseconds: kept to the second")
                        .set(ITEM + "ExpirationDate", DATE_TIME_NANOSECONDS)
                        .is(200)
                        .then(expirationDate("2022-10-15T00:00:00Z")),
                add("ExpirationDate in year 10000 once in UTC")
                        .set(ITEM + "ExpirationDate", DATE_TIME_IN_YEAR_10000_UTC)
                        .is(400, invalid(ITEM + "ExpirationDate") + ": the year must be from 0001 to 9999"),
                add("ExpirationDate on a leap second")
                        .set(ITEM + "ExpirationDate", DATE_TIME_LEAP_SECOND)
                        .is(400, invalid(ITEM + "ExpirationDate")),
                add("ExpirationDate on 30 February")
                        .set(ITEM + "ExpirationDate", DATE_FEBRUARY_30)
                        .is(400, invalid(ITEM + "ExpirationDate")),
                getAll("StartUtc without a zone")
                        .set("CreatedUtc.StartUtc", DATE_TIME_WITHOUT_ZONE)
                        .is(400, invalid("CreatedUtc.StartUtc")),
                getAll("EndUtc as a date").set("UpdatedUtc.EndUtc", DATE_ONLY).is(400, invalid("UpdatedUtc.EndUtc")),

                // ---- interval edges (SPEC §4, DECISIONS): StartUtc <= t < EndUtc, at most 3 calendar months in UTC
                // ----
                getAll("StartUtc == EndUtc selects one instant")
                        .set("CreatedUtc", interval("2022-10-15T00:00:00Z", "2022-10-15T00:00:00Z"))
                        .is(200),
                getAll("EndUtc 1 ms before StartUtc")
                        .set("CreatedUtc", interval("2022-10-15T00:00:00Z", "2022-10-14T23:59:59.999Z"))
                        .is(400, "Invalid CreatedUtc: EndUtc is before StartUtc"),
                getAll("EndUtc before StartUtc by less than the stored millisecond")
                        .set("CreatedUtc", interval("2022-10-15T00:00:00.0009Z", "2022-10-15T00:00:00.0001Z"))
                        .is(200),
                getAll("exactly 3 months, 31 January to 30 April")
                        .set("CreatedUtc", interval("2022-01-31T00:00:00Z", "2022-04-30T00:00:00Z"))
                        .is(200),
                getAll("3 months and 1 ms")
                        .set("CreatedUtc", interval("2022-01-31T00:00:00Z", "2022-04-30T00:00:00.001Z"))
                        .is(400, "Invalid CreatedUtc: the interval is longer than 3 months"),
                getAll("exactly 3 months over a leap day, 30 November to 29 February")
                        .set("UpdatedUtc", interval("2023-11-30T00:00:00Z", "2024-02-29T00:00:00Z"))
                        .is(200),
                getAll("3 months and 1 ms over a leap day")
                        .set("UpdatedUtc", interval("2023-11-30T00:00:00Z", "2024-02-29T00:00:00.001Z"))
                        .is(400, "Invalid UpdatedUtc: the interval is longer than 3 months"),
                getAll("3 months counted in UTC, given at +01:00")
                        .set("CreatedUtc", interval("2022-01-31T00:00:00+01:00", "2022-04-30T00:00:00+01:00"))
                        .is(200),
                getAll("an interval without EndUtc")
                        .set("CreatedUtc", "{\"StartUtc\":\"2022-10-15T00:00:00Z\"}")
                        .is(400, invalid("CreatedUtc.EndUtc")));
    }

    /** Every property and item of the four examples in turn, given a value of another JSON type. */
    static Stream<HostileCase> wrongTypes() {
        List<HostileCase> cases = new ArrayList<>();
        for (Operation<?, ?> operation : Operations.ALL) {
            for (JsonSlot slot : JsonSlot.all(
                    ExampleRequest.event(operation.operationName() + ".json").json())) {
                // Client is free text that the service does not check (openapi.yaml); one case above shows it.
                if (slot.name().equals("Client")) {
                    continue;
                }
                for (HostileValue wrong : otherTypes(slot.value())) {
                    HostileCase wrongType = HostileCase.of(operation, slot.path + " = " + wrong.json)
                            .set(slot.path, wrong);
                    cases.add(
                            TOKENS.contains(slot.name())
                                    ? wrongType.is(401, UNAUTHORIZED)
                                    : wrongType.is(400, invalid(slot.path)));
                }
            }
        }
        return cases.stream();
    }

    private static List<HostileValue> otherTypes(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> List.of(NUMBER, EMPTY_ARRAY);
            case NUMBER -> List.of(NUMBER_AS_TEXT, TRUE);
            case BOOLEAN -> List.of(NUMBER_AS_TEXT, NUMBER);
            case ARRAY -> List.of(EMPTY_OBJECT, NUMBER_AS_TEXT);
            default -> List.of(EMPTY_ARRAY, NUMBER);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namedHostileCases(HostileCase hostile) {
        answersAsTheContractSays(hostile);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void wrongTypesEverywhere(HostileCase hostile) {
        answersAsTheContractSays(hostile);
    }

    private static void answersAsTheContractSays(HostileCase hostile) {
        Response response = api.send("POST", hostile.operation.path(), hostile.headers, hostile.body());
        // Both checks run, under the case's name, so that a failure in the report says which row it was.
        assertAll(
                hostile.toString(),
                () -> {
                    if (response.status() >= 400) {
                        store.assertUnchanged("an answer with status " + response.status());
                    } else {
                        store.accept();
                    }
                },
                () -> {
                    if (hostile.status >= 400) {
                        response.assertError(hostile.status, hostile.message);
                    } else {
                        assertEquals(hostile.status, response.status(), response.body());
                        hostile.then.accept(response);
                    }
                });
    }

    /** How a message names a value and where it is: "Invalid AccountId at LoyaltyMemberships[0].AccountId" (DECISIONS). */
    private static String invalid(String path) {
        String name = JsonSlot.nameAt(path);
        return "Invalid " + name + (name.equals(path) ? "" : " at " + path);
    }

    // ---- building bodies ----

    /** A JSON string of {@code count} times {@code unit}. */
    private static String text(int count, String unit) {
        return "\"" + unit.repeat(count) + "\"";
    }

    /** An absolute https URL of exactly {@code length} characters. */
    private static String url(int length) {
        String start = "https://rewards.example.com/";
        return text(1, start + "u".repeat(length - start.length()));
    }

    private static String interval(String start, String end) {
        return "{\"StartUtc\":\"" + start + "\",\"EndUtc\":\"" + end + "\"}";
    }

    /** Grows an array to {@code size} items, copies of its first. */
    private static Consumer<ObjectNode> fill(String array, int size) {
        return body -> {
            ArrayNode items = (ArrayNode) body.get(array);
            JsonNode first = items.get(0);
            while (items.size() < size) {
                items.add(first.deepCopy());
            }
        };
    }

    /** Fills the empty "Padding" property with {@code filler} until the body is exactly {@code bytes} long in UTF-8. */
    private static UnaryOperator<String> padTo(int bytes, String filler) {
        return body -> {
            int missing = bytes - body.getBytes(StandardCharsets.UTF_8).length;
            int fillerBytes = filler.getBytes(StandardCharsets.UTF_8).length;
            String padding = filler.repeat(missing / fillerBytes) + "x".repeat(missing % fillerBytes);
            return body.replace("\"Padding\":\"\"", "\"Padding\":\"" + padding + "\"");
        };
    }

    /** UTF-8, except that {@code marker} becomes these raw bytes. */
    private static Function<String, byte[]> bytesFor(String marker, int... bytes) {
        return body -> {
            String[] around = body.split(marker, 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
            for (int b : bytes) {
                out.write(b);
            }
            out.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        };
    }

    private static Consumer<Response> expirationDate(String expected) {
        return response -> assertEquals(
                expected, response.memberships().get(0).get("ExpirationDate").asText());
    }
}
