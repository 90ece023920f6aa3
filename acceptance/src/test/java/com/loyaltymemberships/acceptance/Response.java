package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** An HTTP answer as a client sees it. */
record Response(int status, Map<String, String> headers, String body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A Lambda function's answer as API Gateway turns it into HTTP: its status code, headers and text body. */
    static Response ofLambdaAnswer(JsonNode answer) {
        Map<String, String> headers =
                MAPPER.convertValue(answer.get("headers"), new TypeReference<Map<String, String>>() {});
        return new Response(
                answer.get("statusCode").asInt(), headers, answer.path("body").textValue());
    }

    Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The memberships of a 200 answer. */
    JsonNode memberships() {
        assertEquals(200, status, body);
        return json().get("LoyaltyMemberships");
    }

    /** Asserts a Mews-style error with this status and a message starting as given. */
    Response assertError(int expectedStatus, String messageStart) {
        assertEquals(expectedStatus, status, body);
        JsonNode json = json();
        assertEquals(3, json.size(), "Message, RequestId and Details: " + body);
        String message = json.get("Message").asText();
        if (!message.startsWith(messageStart)) {
            throw new AssertionError("message should start with <" + messageStart + "> but was <" + message + ">");
        }
        assertEquals(header("Request-Id").orElseThrow(), json.get("RequestId").asText());
        assertEquals(true, json.get("Details").isNull());
        assertEquals("application/json; charset=utf-8", header("Content-Type").orElseThrow());
        return this;
    }
}
