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
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

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
        return (ObjectNode) tree;
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
