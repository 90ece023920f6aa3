package com.loyaltymemberships.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one JSON configuration of the service, built once per JVM.
 *
 * <p>Requests are strict JSON (no comments, trailing commas, single quotes, leading zeros, duplicate
 * names or trailing content) and strictly typed (no coercion between strings, numbers and booleans);
 * property names match case-insensitively and unknown properties are ignored, as in the Mews API.
 * Java properties are named in camelCase and written in PascalCase.
 */
public final class JsonCodec {

    private final ObjectMapper mapper;
    private final ObjectWriter canonicalWriter;

    public JsonCodec() {
        JsonMapper built = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // Jackson would otherwise turn 42 into "42", "42" into 42 or 1 into true; a wrong type is a 400 here.
        built.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        built.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        built.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        this.mapper = built;
        this.canonicalWriter = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build().writer();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a request body that must be one JSON object. */
    public ObjectNode parseObject(byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (StreamReadException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            throw new ApiException(400, "Invalid request body: it is not valid JSON" + where + ".");
        } catch (IOException e) {
            throw new ApiException(400, "Invalid request body: it is not valid JSON.");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ApiException(400, "Invalid request body: a JSON object is required.");
        }
        if (!tree.isObject()) {
            throw new ApiException(400, "Invalid request body: a JSON object is required, not " + tree.getNodeType().name().toLowerCase() + ".");
        }
        requireWellFormed(tree, "", "");
        return (ObjectNode) tree;
    }

    /**
     * What strict JSON parsing lets through but the service must not take: two properties of one object whose names
     * differ only in case (names match case-insensitively, so one of them would be silently dropped), and text that is
     * not valid Unicode (a lone surrogate escape such as \uD800, which no storage can keep), named as every invalid
     * value is: "Invalid MembershipNumber at LoyaltyMemberships[0].MembershipNumber".
     */
    private static void requireWellFormed(JsonNode node, String name, String path) {
        if (node.isTextual() && !isUnicode(node.textValue())) {
            throw new ApiException(400, "Invalid " + name + (name.equals(path) ? "" : " at " + path)
                    + ": the text is not valid Unicode (it has a lone surrogate such as \\uD800).");
        } else if (node.isObject()) {
            Set<String> names = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!isUnicode(field.getKey())) {
                    throw new ApiException(400, "Invalid request body: a property name is not valid Unicode (it has a lone surrogate).");
                }
                if (!names.add(field.getKey().toLowerCase(Locale.ROOT))) {
                    throw new ApiException(400, "Invalid request body: the property " + field.getKey()
                            + " appears twice in one object (property names match whatever their case).");
                }
                // An update's {"Value": ...} is named for the property it wraps, as every other message names it.
                String named = field.getKey().equalsIgnoreCase("Value") && !name.isEmpty() ? name : field.getKey();
                requireWellFormed(field.getValue(), named, path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireWellFormed(node.get(i), name, path + "[" + i + "]");
            }
        }
    }

    private static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A top-level string property, matched case-insensitively like every other property. */
    public static Optional<String> text(ObjectNode body, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().isTextual() ? Optional.of(field.getValue().textValue()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Binds a parsed body to a request record; a wrong type anywhere is a 400 naming where. */
    public <T> T bind(ObjectNode body, Class<T> type) {
        try {
            return mapper.treeToValue(body, type);
        } catch (DatabindException e) {
            throw invalid(e);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "Invalid request body: " + e.getOriginalMessage() + ".");
        }
    }

    /**
     * A parsed body written again with every object's properties in name order: two bodies that differ only in the
     * order of their properties give the same bytes (SPEC §11 compares request bodies that way).
     */
    public byte[] canonical(ObjectNode body) {
        try {
            return canonicalWriter.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException invalid(DatabindException e) {
        JsonPath path = null;
        for (JsonMappingException.Reference ref : ((JsonMappingException) e).getPath()) {
            if (ref.getFieldName() != null) {
                path = path == null ? JsonPath.of(ref.getFieldName()) : path.child(ref.getFieldName());
            } else if (ref.getIndex() >= 0 && path != null) {
                path = path.index(ref.getIndex());
            }
        }
        if (path == null) {
            return new ApiException(400, "Invalid request body: " + e.getOriginalMessage() + ".");
        }
        return ApiException.invalid(path, expectation(e));
    }

    private static String expectation(DatabindException e) {
        if (e.getCause() instanceof InputCoercionException) {
            return "the number is out of range";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "the value has the wrong type";
        }
        if (target == String.class) {
            return "a string is required";
        }
        if (target == Integer.class || target == int.class) {
            return "a whole number (32-bit) is required";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false is required";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array is required";
        }
        return "an object is required";
    }
}
