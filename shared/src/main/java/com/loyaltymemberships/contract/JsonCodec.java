package com.loyaltymemberships.contract;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON configuration of the service, built once per JVM, on jackson-core's streaming parser and generator
 * alone: Jackson databind's introspection of the records took more of a cold start than all the rest of the JSON work.
 *
 * <p>Requests are strict JSON (no comments, trailing commas, single quotes, leading zeros, NaN, duplicate names or
 * trailing content) and strictly typed (no coercion between strings, numbers and booleans, see {@link JsonFields});
 * property names match case-insensitively and unknown properties are ignored, as in the Mews API. Answers are written
 * with the contract's PascalCase names in the contract's order ({@link ResponseWriter}).
 */
public final class JsonCodec {

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The factory of every parser and generator of the service (the log lines' too). */
    public JsonFactory factory() {
        return factory;
    }

    /** Parses a request body that must be one JSON object. */
    public JsonBody parseObject(byte[] body) {
        Object value;
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new ApiException(400, "Invalid request body: a JSON object is required.");
            }
            value = JsonValues.read(parser);
            // A second value after the first ({} {}); trailing text that is no JSON at all fails in nextToken, with
            // where.
            if (parser.nextToken() != null) {
                throw new ApiException(400, "Invalid request body: it is not valid JSON.");
            }
        } catch (StreamReadException e) {
            var location = e.getLocation();
            String where = location == null
                    ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            throw new ApiException(400, "Invalid request body: it is not valid JSON" + where + ".");
        } catch (IOException e) {
            throw new ApiException(400, "Invalid request body: it is not valid JSON.");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new ApiException(400, "Invalid request body: a JSON object is required, not " + kind(value) + ".");
        }
        requireWellFormed(value, "", Location.BODY);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) value;
        return new JsonBody(properties);
    }

    /** The JSON type of a parsed value, as the message names it. */
    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof String) {
            return "string";
        }
        return value instanceof Boolean ? "boolean" : "number";
    }

    /**
     * What strict JSON parsing lets through but the service must not take: two properties of one object whose names
     * differ only in case (names match case-insensitively, so one of them would be silently dropped), and text that is
     * not valid Unicode (a lone surrogate escape such as \uD800, which no storage can keep), named as every invalid
     * value is: "Invalid MembershipNumber at LoyaltyMemberships[0].MembershipNumber".
     */
    private static void requireWellFormed(Object value, String name, Location at) {
        if (value instanceof String text && !isUnicode(text)) {
            String path = at.toString();
            throw new ApiException(
                    400,
                    "Invalid " + name + (name.equals(path) ? "" : " at " + path)
                            + ": the text is not valid Unicode (it has a lone surrogate such as \\uD800).");
        } else if (value instanceof Map<?, ?> object) {
            Set<String> names = new HashSet<>();
            for (Map.Entry<?, ?> property : object.entrySet()) {
                String key = (String) property.getKey();
                if (!isUnicode(key)) {
                    throw new ApiException(
                            400,
                            "Invalid request body: a property name is not valid Unicode (it has a lone surrogate).");
                }
                if (!names.add(key.toLowerCase(Locale.ROOT))) {
                    throw new ApiException(
                            400,
                            "Invalid request body: the property " + key
                                    + " appears twice in one object (property names match whatever their case).");
                }
                // An update's {"Value": ...} is named for the property it wraps, as every other message names it.
                String named = key.equalsIgnoreCase("Value") && !name.isEmpty() ? name : key;
                requireWellFormed(property.getValue(), named, new Location(at, key, -1));
            }
        } else if (value instanceof List<?> array) {
            for (int i = 0; i < array.size(); i++) {
                requireWellFormed(array.get(i), name, new Location(at, null, i));
            }
        }
    }

    /**
     * Where a value sits in the body ({@code LoyaltyMemberships[0].Code}), written out only for a message: every value of
     * every body is checked, and building each one's path as text took longer than parsing the body.
     */
    private record Location(Location parent, String key, int index) {

        static final Location BODY = new Location(null, null, -1);

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            String above = parent.toString();
            if (key == null) {
                return above + "[" + index + "]";
            }
            return above.isEmpty() ? key : above + "." + key;
        }
    }

    private static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A parsed body written again with every object's properties in name order: two bodies that differ only in the
     * order of their properties give the same bytes (SPEC §11 compares request bodies that way).
     */
    public byte[] canonical(JsonBody body) {
        return written(out -> JsonValues.write(out, body.properties(), true));
    }

    /** An answer body: a {@link MembershipsResponse}, an {@link ErrorBody}, or plain values (a {@code Map}, ...). */
    public byte[] write(Object value) {
        return written(out -> ResponseWriter.write(out, value));
    }

    private interface Writing {
        void to(JsonGenerator out) throws IOException;
    }

    private byte[] written(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
