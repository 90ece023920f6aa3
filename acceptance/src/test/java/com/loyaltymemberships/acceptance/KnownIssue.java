package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Where the service does not (yet) do what SPEC.md and docs/DECISIONS.md ask, found by {@link HostileInputTest} and
 * {@link PipelineFuzzTest}. The main code is not these tests' to change: the owner of shared/ fixes it. Until then a
 * case that meets one of these checks today's behaviour, so the suite stays green, and fails as soon as the service
 * does the right thing, so that the marker goes away with the bug.
 */
enum KnownIssue {

    /** A bug: a 500 for bad input. */
    LONE_SURROGATE_IN_STORED_TEXT("a text that add or update stores (MembershipNumber, Code, ProviderMembershipId, Url) holding a"
            + " UTF-16 surrogate without its pair (JSON \"\\uD800\") passes validation and is sent to DynamoDB, which refuses it:"
            + " 500 An unexpected error occurred. It should be 400 Invalid {Property}: the text is not valid Unicode."),

    /** Not a 5xx and nothing written, but not what the contract asks. */
    LONE_SURROGATE_IN_FILTER("a getAll filter text with a lone surrogate is looked up as it is: 200 with no match; every other"
            + " text that is not valid Unicode is refused, so it should be 400 Invalid {Property} too."),

    /** Not a 5xx and nothing written, but not what the contract asks. */
    CASE_INSENSITIVE_DUPLICATE_NAMES("property names match case-insensitively (SPEC §9), so {\"Points\": 1, \"points\": 2} names"
            + " Points twice; the service takes the last one silently (200), where DECISIONS answers duplicate names with"
            + " 400 Invalid request body because the client's intent is ambiguous."),

    /** Not a 5xx here, but suspected of one on AWS; nothing written. */
    OVERLONG_FILTER_TEXT("a getAll MembershipNumbers, Codes or ProviderMembershipIds value longer than any stored one can be"
            + " (255 and 100 characters) is looked up as an index key: 200 with no match on moto, but DynamoDB refuses key"
            + " values over 2048 bytes, so on AWS a 3000-character value is likely a ValidationException and a 500. It"
            + " should be 400 Invalid {Property}: at most 255 (100) characters, as on add and update.");

    final String description;

    KnownIssue(String description) {
        this.description = description;
    }

    /** Whether a 500 answer to this body is {@link #LONE_SURROGATE_IN_STORED_TEXT}: some text in it has a lone surrogate. */
    static boolean explainsServerError(byte[] body) {
        try {
            JsonNode tree = TestApi.JSON.readTree(body);
            return tree != null && hasLoneSurrogate(tree);
        } catch (IOException notJson) {
            return false;
        }
    }

    private static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.textValue());
        }
        for (JsonNode child : node) {
            if (hasLoneSurrogate(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
