package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.loyaltymemberships.pipeline.Operation;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** An HTTP answer of the API: status, the exact bytes of the body (for replays, which must be identical) and headers. */
record Answer(Operation<?, ?> operation, int status, byte[] body, HttpHeaders headers) {

    /** SPEC §11: a kept answer sent again. */
    boolean replayed() {
        return headers.firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
    }

    /** Whole seconds; a 409 has it while the first request with the same Idempotency-Key still runs (SPEC §11). */
    Optional<Long> retryAfter() {
        return headers.firstValue("Retry-After").map(Long::parseLong);
    }

    JsonNode json() {
        return Json.parse(body);
    }

    /** The Mews-style error Message, or empty for an answer that has none. */
    String message() {
        if (body.length == 0) {
            return "";
        }
        JsonNode message = json().path("Message");
        return message.isTextual() ? message.asText() : "";
    }

    boolean sameBytes(Answer other) {
        return status == other.status && Arrays.equals(body, other.body);
    }

    /** Status and body, as a mismatch is reported. */
    @Override
    public String toString() {
        return operation.operationName() + " answered " + status + (replayed() ? " (replayed)" : "") + ": "
                + new String(body, StandardCharsets.UTF_8);
    }
}
