package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One row of {@link HostileInputTest}: a documented request (SPEC §10, from events/) spoiled in one way, and the
 * answer it must get. Built fluently, e.g.
 * {@code add("Points: NaN").set("LoyaltyMemberships[0].Points", NAN).is(400, "Invalid request body")}.
 */
final class HostileCase {

    final String name;
    final Operation<?, ?> operation;
    final Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
    private final List<Consumer<ObjectNode>> edits = new ArrayList<>();
    private UnaryOperator<String> text = UnaryOperator.identity();
    private Function<String, byte[]> encoding = body -> body.getBytes(StandardCharsets.UTF_8);

    int status;
    String message;
    /** Checks of a 2xx answer beyond its status. */
    Consumer<Response> then = response -> {};

    private HostileCase(String name, Operation<?, ?> operation) {
        this.name = name;
        this.operation = operation;
    }

    /** A case that starts from the documented request of {@code operation} (events/{operation}.json). */
    static HostileCase of(Operation<?, ?> operation, String name) {
        return new HostileCase(name, operation);
    }

    static HostileCase getAll(String name) {
        return of(Operations.GET_ALL, name);
    }

    static HostileCase add(String name) {
        return of(Operations.ADD, name);
    }

    static HostileCase update(String name) {
        return of(Operations.UPDATE, name);
    }

    static HostileCase delete(String name) {
        return of(Operations.DELETE, name);
    }

    /** Puts a hostile value at a path of the example, e.g. {@code LoyaltyMemberships[0].Points}. */
    HostileCase set(String path, HostileValue value) {
        return set(path, value.json);
    }

    /**
     * Puts raw JSON text (valid or not) at a path of the example: an array item that exists, or a property of an
     * object that exists, replacing its value or adding it.
     */
    HostileCase set(String path, String json) {
        edits.add(body -> {
            int dot = path.lastIndexOf('.');
            if (path.endsWith("]")) {
                JsonSlot.at(body, path).setRaw(json);
            } else {
                ObjectNode parent = dot < 0
                        ? body
                        : (ObjectNode) JsonSlot.at(body, path.substring(0, dot)).value();
                parent.putRawValue(path.substring(dot + 1), new RawValue(json));
            }
        });
        return this;
    }

    HostileCase edit(Consumer<ObjectNode> edit) {
        edits.add(edit);
        return this;
    }

    /** Changes the body as text, after the JSON edits: for what a JSON tree cannot hold, such as a duplicate name. */
    HostileCase text(UnaryOperator<String> change) {
        text = change;
        return this;
    }

    /** How the body text becomes bytes (UTF-8 unless changed). */
    HostileCase encoded(Function<String, byte[]> encode) {
        encoding = encode;
        return this;
    }

    HostileCase header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The answer the contract asks for: this status and, for an error, a Message starting so. */
    HostileCase is(int expectedStatus, String messageStart) {
        status = expectedStatus;
        message = messageStart;
        return this;
    }

    HostileCase is(int expectedStatus) {
        return is(expectedStatus, null);
    }

    HostileCase then(Consumer<Response> check) {
        then = check;
        return this;
    }

    byte[] body() {
        ObjectNode body =
                ExampleRequest.event(operation.operationName() + ".json").json();
        edits.forEach(edit -> edit.accept(body));
        return encoding.apply(text.apply(body.toString()));
    }

    @Override
    public String toString() {
        return operation.operationName() + ": " + name;
    }
}
