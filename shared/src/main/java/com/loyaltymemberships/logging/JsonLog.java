package com.loyaltymemberships.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs as it is.
 * Callers pass named fields only; nothing here ever formats a request body or a token.
 *
 * <p>A line's fields are plain values, in the order put: a {@code String}, a number, a {@code Boolean}, null, or a
 * {@code Map} or {@code List} of those.
 */
public final class JsonLog {

    private final JsonFactory json;
    private final PrintStream out;
    private final Clock clock;

    public JsonLog(JsonFactory json, PrintStream out, Clock clock) {
        this.json = json;
        this.out = out;
        this.clock = clock;
    }

    public void info(String message, Consumer<Map<String, Object>> fields) {
        write("INFO", message, fields);
    }

    public void error(String message, Consumer<Map<String, Object>> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Consumer<Map<String, Object>> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        fields.accept(line);
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = json.createGenerator(text)) {
            write(generator, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(text);
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> object) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> field : object.entrySet()) {
                generator.writeFieldName((String) field.getKey());
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> array) {
            generator.writeStartArray();
            for (Object item : array) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else {
            // Without an ObjectCodec, jackson-core writes a String, a Number, a Boolean or null itself, and refuses
            // anything else.
            generator.writeObject(value);
        }
    }
}
