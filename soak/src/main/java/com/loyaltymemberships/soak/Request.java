package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.pipeline.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API request as a client means it.
 *
 * @param key     the Idempotency-Key header (SPEC §11), if any
 * @param minimal sends {@code Prefer: return=minimal} (SPEC §1)
 */
record Request(Operation<?, ?> operation, ObjectNode body, Optional<String> key, boolean minimal) {

    static Request of(Operation<?, ?> operation, ObjectNode body) {
        return new Request(operation, body, Optional.empty(), false);
    }

    Request withKey(String key) {
        return new Request(operation, body, Optional.of(key), minimal);
    }

    Request minimal(boolean minimal) {
        return new Request(operation, body, key, minimal);
    }

    /** The same request with the body's properties in reverse order: the same request to the Idempotency-Key rules. */
    Request reordered() {
        List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(body.properties());
        Collections.reverse(properties);
        ObjectNode reversed = Json.MAPPER.createObjectNode();
        properties.forEach(property -> reversed.set(property.getKey(), property.getValue()));
        return new Request(operation, reversed, key, minimal);
    }
}
