package com.loyaltymemberships.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs as it is.
 * Callers pass named fields only; nothing here ever formats a request body or a token.
 */
public final class JsonLog {

    private final ObjectMapper mapper;
    private final PrintStream out;
    private final Clock clock;

    public JsonLog(ObjectMapper mapper, PrintStream out, Clock clock) {
        this.mapper = mapper;
        this.out = out;
        this.clock = clock;
    }

    public void info(String message, Consumer<ObjectNode> fields) {
        write("INFO", message, fields);
    }

    public void error(String message, Consumer<ObjectNode> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Consumer<ObjectNode> fields) {
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        fields.accept(line);
        out.println(line.toString());
    }
}
