package com.loyaltymemberships.contract;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One JSON object of a parsed body, being read into a request record as the contract wants it read: property names
 * match whatever their case, unknown properties are ignored, and values are strictly typed (no coercion between
 * strings, numbers and booleans, no fraction where a whole number belongs); a wrong type is a 400 naming where it is
 * ({@code Invalid Points at LoyaltyMemberships[0].Points: a whole number (32-bit) is required.}). A record's reader
 * takes the properties in the order the body has them, so the first wrong value in the body is the one reported. An
 * operation binds its request record with these ({@link RequestBinder} for the four; {@link JsonBody#fields()}).
 */
public final class JsonFields {

    /** What a value must be: reads it, or fails naming where it is. Never given JSON null, which reads as null. */
    @FunctionalInterface
    public interface Type<T> {
        T read(Object value, JsonPath at);
    }

    public static final Type<String> STRING = (value, at) -> {
        if (value instanceof String text) {
            return text;
        }
        throw ApiException.invalid(at, "a string is required");
    };

    public static final Type<Integer> INTEGER = (value, at) -> {
        if (value instanceof Integer number) {
            return number;
        }
        // A whole number is parsed into the smallest type that holds it: a Long or a BigInteger does not fit 32 bits.
        if (value instanceof Long || value instanceof BigInteger) {
            throw ApiException.invalid(at, "the number is out of range");
        }
        throw ApiException.invalid(at, "a whole number (32-bit) is required");
    };

    public static final Type<Boolean> BOOLEAN = (value, at) -> {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw ApiException.invalid(at, "true or false is required");
    };

    /** A record, read from a JSON object by {@code reader}. */
    public static <T> Type<T> object(Function<JsonFields, T> reader) {
        return (value, at) -> {
            if (value instanceof Map<?, ?> object) {
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) object;
                return reader.apply(new JsonFields(properties, at));
            }
            throw ApiException.invalid(at, "an object is required");
        };
    }

    private final Map<String, Object> properties;
    /** Where this object is; null for the body itself, whose properties are named by their name alone. */
    private final JsonPath path;

    JsonFields(Map<String, Object> properties, JsonPath path) {
        this.properties = properties;
        this.path = path;
    }

    /** The properties, in the order the body has them. */
    public List<Field> fields() {
        List<Field> fields = new ArrayList<>(properties.size());
        properties.forEach((name, value) -> fields.add(new Field(name, value)));
        return fields;
    }

    /** One property as sent, read as the record property it matched. */
    public final class Field {

        private final String name;
        private final Object value;

        private Field(String name, Object value) {
            this.name = name;
            this.value = value;
        }

        /** The name in lower case, which a record's property names (in lower case) are matched against. */
        public String key() {
            return name.toLowerCase(Locale.ROOT);
        }

        /**
         * The value as the record property {@code property} (its name as the contract spells it, which messages use),
         * of type {@code type}.
         */
        public <T> T read(String property, Type<T> type) {
            return value == null ? null : type.read(value, at(property));
        }

        /** An array whose items are of type {@code item}; a null item stays null. */
        public <T> List<T> list(String property, Type<T> item) {
            if (value == null) {
                return null;
            }
            JsonPath at = at(property);
            if (!(value instanceof List<?> values)) {
                throw ApiException.invalid(at, "an array is required");
            }
            List<T> items = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Object each = values.get(i);
                items.add(each == null ? null : item.read(each, at.index(i)));
            }
            return items;
        }

        private JsonPath at(String property) {
            return path == null ? JsonPath.of(property) : path.child(property);
        }
    }
}
