package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A documented request: the body of an events/ file (the SPEC §10 examples verbatim, and the error examples), or a
 * request example of openapi.yaml. The fuzzer starts from them, and the hostile cases spoil them one place at a time.
 */
record ExampleRequest(String name, Operation<?, ?> operation, String body) {

    /** Every documented request once: the events/ files, then the openapi.yaml examples that say something new. */
    static List<ExampleRequest> all() {
        List<ExampleRequest> all = new ArrayList<>();
        Set<JsonNode> bodies = new HashSet<>();
        for (ExampleRequest example :
                Stream.concat(events().stream(), openApiExamples().stream()).toList()) {
            if (bodies.add(example.json())) {
                all.add(example);
            }
        }
        return all;
    }

    /** The request of one events/ file, e.g. {@code add.json}. */
    static ExampleRequest event(String file) {
        Path path = EventsTest.EVENTS.resolve(file);
        JsonNode event = read(path);
        String rawPath = event.get("rawPath").asText();
        Operation<?, ?> operation = Operations.ALL.stream()
                .filter(o -> o.path().equals(rawPath))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(path + " is not an event of one of the four operations"));
        return new ExampleRequest("events/" + file, operation, event.get("body").asText());
    }

    static List<ExampleRequest> events() {
        try (Stream<Path> files = Files.list(EventsTest.EVENTS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .sorted()
                    .map(ExampleRequest::event)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code paths./api/connector/v1/loyaltyMemberships/{operation}.post.requestBody.content.application/json.examples}. */
    static List<ExampleRequest> openApiExamples() {
        JsonNode paths = read(OpenApi.DOCUMENT).get("paths");
        List<ExampleRequest> examples = new ArrayList<>();
        for (Operation<?, ?> operation : Operations.ALL) {
            JsonNode byName = paths.path(operation.path())
                    .path("post")
                    .path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("examples");
            for (Map.Entry<String, JsonNode> example : byName.properties()) {
                examples.add(new ExampleRequest(
                        "openapi.yaml " + operation.operationName() + " " + example.getKey(),
                        operation,
                        example.getValue().get("value").toString()));
            }
        }
        return examples;
    }

    /** A fresh copy of the body to change. */
    ObjectNode json() {
        try {
            return (ObjectNode) TestApi.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(Path file) {
        try {
            return file.toString().endsWith(".yaml")
                    ? OpenApi.YAML.readTree(file.toFile())
                    : TestApi.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
