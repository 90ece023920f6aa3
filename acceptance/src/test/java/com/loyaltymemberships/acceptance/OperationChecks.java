package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.OperationHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every operation must have outside its own class (docs/ADDING-AN-OPERATION.md), checked against a list of
 * operations: its function in template.yaml, its path in openapi.yaml, its sample event in events/, and its route
 * after the SAM translation. Each check names what is missing, so that a place forgotten fails the build with the
 * place in its message. The suite runs them on Operations.ALL; AddingAnOperationTest on that list with an operation
 * added.
 */
final class OperationChecks {

    static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    private OperationChecks() {}

    /**
     * template.yaml: one function per operation, named for it, with its handler, its jar and exactly one route (POST
     * to its path, payload 2.0); and no other function serving one of them under another name. (A function of an
     * operation missing from the list fails TemplateDriftTest, which loads every function's handler.)
     */
    static List<String> templateProblems(JsonNode template, List<Operation<?, ?>> operations) {
        List<String> problems = new ArrayList<>();
        JsonNode resources = template.path("Resources");
        for (Operation<?, ?> operation : operations) {
            String name = operation.functionName();
            JsonNode function = resources.path(name);
            if (!function.path("Type").asText().equals("AWS::Serverless::Function")) {
                problems.add("template.yaml has no AWS::Serverless::Function " + name + " for " + operation.path());
                continue;
            }
            JsonNode properties = function.path("Properties");
            expect(
                    problems,
                    name + " Handler",
                    operation.handlerClass() + "::handleRequest",
                    properties.path("Handler"));
            expect(problems, name + " CodeUri", operation.jar(), properties.path("CodeUri"));
            List<JsonNode> events = new ArrayList<>();
            properties.path("Events").elements().forEachRemaining(events::add);
            if (events.size() != 1) {
                problems.add(name + " has " + events.size() + " events, not exactly one route");
                continue;
            }
            JsonNode route = events.get(0);
            expect(problems, name + " route Type", "HttpApi", route.path("Type"));
            expect(problems, name + " route Method", "POST", route.at("/Properties/Method"));
            expect(problems, name + " route Path", operation.path(), route.at("/Properties/Path"));
            expect(problems, name + " route PayloadFormatVersion", "2.0", route.at("/Properties/PayloadFormatVersion"));
        }
        String described = template.at("/Outputs/ApiUrl/Description").asText();
        if (!described.endsWith(names(operations))) {
            problems.add("template.yaml's output ApiUrl says " + described + ", not " + names(operations));
        }
        Set<String> handlers = operations.stream()
                .map(o -> o.handlerClass() + "::handleRequest")
                .collect(Collectors.toSet());
        resources.properties().forEach(e -> {
            String handler = e.getValue().at("/Properties/Handler").asText();
            boolean listed = operations.stream().anyMatch(o -> o.functionName().equals(e.getKey()));
            if (!listed && handler.startsWith("com.loyaltymemberships.functions.") && handlers.contains(handler)) {
                problems.add(e.getKey() + " serves an operation under another name");
            }
        });
        return problems;
    }

    /** The 404 answer's message, which tells a client the operations' paths: it must name exactly these operations. */
    static List<String> notFoundProblems(String message, List<Operation<?, ?>> operations) {
        return message.endsWith(names(operations) + ".")
                ? List.of()
                : List.of("ApiException.notFound's message (" + message + ") does not end with " + names(operations));
    }

    /** The operations' paths as the 404 message and the template's output write them: {@code .../{getAll,add}}. */
    private static String names(List<Operation<?, ?>> operations) {
        return Operation.BASE_PATH
                + operations.stream().map(Operation::operationName).collect(Collectors.joining(",", "{", "}"));
    }

    /** openapi.yaml: exactly the operations' paths, each a POST whose operationId is the operation's name. */
    static List<String> openApiProblems(JsonNode document, List<Operation<?, ?>> operations) {
        List<String> problems = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        document.path("paths").fieldNames().forEachRemaining(documented::add);
        for (Operation<?, ?> operation : operations) {
            JsonNode post = document.path("paths").path(operation.path()).path("post");
            if (post.isMissingNode()) {
                problems.add("openapi.yaml has no POST " + operation.path());
            } else if (!post.path("operationId").asText().equals(operation.operationName())) {
                problems.add("openapi.yaml POST " + operation.path() + " has operationId "
                        + post.path("operationId").asText() + ", not " + operation.operationName());
            }
            documented.remove(operation.path());
        }
        documented.forEach(path -> problems.add("openapi.yaml documents " + path + ", which is no operation"));
        return problems;
    }

    /**
     * events/: each operation has its sample {@code <name>.json} sent to its path, and every file there is named for an
     * operation ({@code <name>.json} or {@code <name>-<case>.json}) and sent to that operation's path.
     */
    static List<String> eventProblems(Path events, List<Operation<?, ?>> operations) {
        List<String> problems = new ArrayList<>();
        for (Operation<?, ?> operation : operations) {
            if (!Files.isRegularFile(events.resolve(operation.operationName() + ".json"))) {
                problems.add("events/ has no " + operation.operationName() + ".json");
            }
        }
        try (Stream<Path> files = Files.list(events)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String name = file.getFileName().toString();
                Operation<?, ?> operation = operations.stream()
                        .filter(o ->
                                name.equals(o.operationName() + ".json") || name.startsWith(o.operationName() + "-"))
                        .findFirst()
                        .orElse(null);
                if (operation == null) {
                    problems.add("events/" + name + " is named for no operation");
                    continue;
                }
                String path =
                        TestApi.JSON.readTree(file.toFile()).path("rawPath").asText();
                if (!path.equals(operation.path())) {
                    problems.add("events/" + name + " is sent to " + path + ", not " + operation.path());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** What the SAM translation check (.ci/sam-translate.py) prints, and its exit status. */
    record Translation(int status, String output) {}

    /**
     * .ci/sam-translate.py on {@code template}: translates it as {@code sam deploy} would and checks the API's routes
     * are exactly the operations' paths (and the functions, versions, aliases and roles that go with them); with
     * {@code requireJars}, that every function's jar is built.
     */
    static Translation samTranslation(Path template, List<Operation<?, ?>> operations, boolean requireJars) {
        String names = operations.stream().map(Operation::operationName).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(
                "python3",
                ROOT.resolve(".ci/sam-translate.py").toString(),
                "--template",
                template.toString(),
                "--operations",
                names));
        if (requireJars) {
            command.add("--require-jars");
        }
        try {
            Process process = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(".ci/sam-translate.py did not finish in 120 s");
            }
            return new Translation(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An operation's handler as Lambda would load it: by the class name template.yaml gives. */
    static OperationHandler handler(Operation<?, ?> operation, LoyaltyApi api) {
        try {
            return (OperationHandler) Class.forName(operation.handlerClass())
                    .getConstructor(LoyaltyApi.class)
                    .newInstance(api);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(operation.handlerClass() + " is not on the test's class path", e);
        }
    }

    private static void expect(List<String> problems, String what, String expected, JsonNode actual) {
        if (!actual.asText().equals(expected)) {
            problems.add(what + " is " + (actual.isMissingNode() ? "missing" : "'" + actual.asText() + "'") + ", not '"
                    + expected + "'");
        }
    }
}
