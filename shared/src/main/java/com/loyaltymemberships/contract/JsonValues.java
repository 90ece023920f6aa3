package com.loyaltymemberships.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON as plain Java values, the form of a parsed body (see {@link JsonBody}): read from a parser, written to a generator. */
final class JsonValues {

    private JsonValues() {}

    /** The value that starts at the parser's current token; the parser is left on the value's last token. */
    static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                // The smallest type that holds it, so that a number too large for 32 bits is told from one that is no
                // whole number.
                if (parser.getNumberType() == JsonParser.NumberType.INT) {
                    return parser.getIntValue();
                }
                if (parser.getNumberType() == JsonParser.NumberType.LONG) {
                    return parser.getLongValue();
                }
                return parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("A JSON value cannot start with " + token);
        }
    }

    /** Writes a plain value; with {@code sorted}, every object's properties in name order (String order), else as they are. */
    static void write(JsonGenerator generator, Object value, boolean sorted) throws IOException {
        if (value instanceof Map<?, ?> object) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> property : (sorted ? new TreeMap<>(object) : object).entrySet()) {
                generator.writeFieldName((String) property.getKey());
                write(generator, property.getValue(), sorted);
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> array) {
            generator.writeStartArray();
            for (Object item : array) {
                write(generator, item, sorted);
            }
            generator.writeEndArray();
        } else {
            // Without an ObjectCodec, jackson-core writes a String, a Number, a Boolean or null itself, and refuses
            // anything else.
            generator.writeObject(value);
        }
    }
}
