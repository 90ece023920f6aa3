package com.loyaltymemberships.contract;

import java.util.Map;
import java.util.Optional;

/**
 * A request body as {@link JsonCodec#parseObject} parsed it: one JSON object, well formed, its properties in the order
 * sent. Values are plain Java: {@code Map} (an object, in the order sent), {@code List}, {@code String}, {@code Boolean},
 * {@code Integer}, {@code Long} or {@code BigInteger} (a whole number, by its size), {@code Double} (any other number),
 * and {@code null}.
 */
public final class JsonBody {

    private final Map<String, Object> properties;

    JsonBody(Map<String, Object> properties) {
        this.properties = properties;
    }

    Map<String, Object> properties() {
        return properties;
    }

    /** The body's properties, in the order sent, to bind a request record with (see {@link JsonFields}). */
    public JsonFields fields() {
        return new JsonFields(properties, null);
    }

    /** A top-level string property (the tokens, Client), its name matched case-insensitively like every other property. */
    public Optional<String> text(String name) {
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (property.getKey().equalsIgnoreCase(name)) {
                return property.getValue() instanceof String text ? Optional.of(text) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
