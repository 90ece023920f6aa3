package com.loyaltymemberships.acceptance;

/**
 * JSON values that have broken parsers and validators before, as raw text (some deliberately not valid JSON). The
 * fuzzer puts them anywhere in a request; {@link HostileInputTest} puts them in chosen places and says what must
 * happen there.
 */
enum HostileValue {
    // Structure. 10 000 levels would overflow any recursive parser's stack; 500 is deep but plausible.
    DEEP_ARRAYS("[".repeat(10_000) + "]".repeat(10_000)),
    DEEP_OBJECTS("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
    NESTED_ARRAYS("[".repeat(500) + "]".repeat(500)),
    EMPTY_OBJECT("{}"),
    EMPTY_ARRAY("[]"),
    ARRAY_OF_NULL("[null]"),
    NULL("null"),

    // Numbers. JSON has no NaN or Infinity; Jackson refuses numbers of more than 1000 digits.
    HUGE_INTEGER("123456789012345678901234567890"),
    THOUSAND_DIGITS("9".repeat(1001)),
    HUGE_EXPONENT("1e400"),
    FRACTION("22.5"),
    INT32_MAX("2147483647"),
    INT32_MAX_PLUS_ONE("2147483648"),
    INT32_MIN_MINUS_ONE("-2147483649"),
    NAN("NaN"),
    INFINITY("Infinity"),
    MINUS_INFINITY("-Infinity"),

    // Other types.
    TRUE("true"),
    NUMBER("42"),
    NUMBER_AS_TEXT("\"42\""),
    EMPTY_TEXT("\"\""),

    // Text. Escaped control characters are valid JSON, raw ones are not; a lone surrogate is valid JSON but not
    // Unicode.
    CONTROL_CHARACTERS("\"a\\u0000b\\u001fc\\u007f\""),
    RAW_CONTROL_CHARACTER("\"a\u0001b\""),
    LONE_HIGH_SURROGATE("\"\\uD800\""),
    LONE_LOW_SURROGATE("\"x\\uDC00y\""),
    REVERSED_SURROGATES("\"\\uDC00\\uD800\""),
    TEXT_2049("\"" + "x".repeat(2049) + "\""),
    EMOJI_256("\"" + "\uD83D\uDE00".repeat(256) + "\""),

    // GUIDs: only the hyphenated form is a GUID (SPEC §3); java.util.UUID.fromString would take "1-1-1-1-1".
    GUID_IN_BRACES("\"{fadd5bb6-b428-45d5-94f8-fd0d89fece6d}\""),
    GUID_WITHOUT_HYPHENS("\"fadd5bb6b42845d594f8fd0d89fece6d\""),
    GUID_URN("\"urn:uuid:fadd5bb6-b428-45d5-94f8-fd0d89fece6d\""),
    GUID_SHORT_GROUPS("\"1-1-1-1-1\""),
    GUID_FULLWIDTH_DIGITS("\"\uFF10add5bb6-b428-45d5-94f8-fd0d89fece6d\""),
    GUID_UPPER_CASE("\"FADD5BB6-B428-45D5-94F8-FD0D89FECE6D\""),

    // Dates: a date-time needs Z or an offset (SPEC §4, §5); years 0001 to 9999 (DECISIONS).
    DATE_TIME_WITHOUT_ZONE("\"2022-10-15T00:00:00\""),
    DATE_ONLY("\"2022-10-15\""),
    DATE_TIME_WITH_OFFSET("\"2022-10-15T00:00:00+14:00\""),
    DATE_TIME_NANOSECONDS("\"2022-10-15T00:00:00.123456789Z\""),
    DATE_TIME_IN_YEAR_10000_UTC("\"9999-12-31T23:59:59-01:00\""),
    DATE_TIME_LEAP_SECOND("\"2016-12-31T23:59:60Z\""),
    DATE_FEBRUARY_30("\"2029-02-30\"");

    final String json;

    HostileValue(String json) {
        this.json = json;
    }
}
