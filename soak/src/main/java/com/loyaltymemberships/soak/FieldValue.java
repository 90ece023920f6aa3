package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A value a client sends and the value the API must then show: they differ where the contract normalizes (an
 * upper-case GUID is shown in lower case, a date or an offset as {@code YYYY-MM-DDThh:mm:ssZ}, an empty text clears).
 */
record FieldValue(JsonNode sent, JsonNode shown) {

    static FieldValue same(JsonNode value) {
        return new FieldValue(value, value);
    }

    static FieldValue cleared() {
        return same(NullNode.getInstance());
    }
}
