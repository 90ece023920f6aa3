package com.loyaltymemberships.local.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.lambda.LambdaFunction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAM template as {@code sam local invoke} reads it: its functions, each with its deployment jar, handler, memory,
 * timeout and environment, the template's {@code Globals} merged in. CloudFormation's short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) are read as their long form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": ...}}):
 * a plain YAML reader would drop the tag and keep only its argument.
 */
final class SamTemplate {

    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    // Lambda's defaults when neither the function nor Globals sets them.
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;

    private final Path directory;
    private final JsonNode template;

    private SamTemplate(Path directory, JsonNode template) {
        this.directory = directory;
        this.template = template;
    }

    static SamTemplate read(Path file) throws IOException {
        return new SamTemplate(file.toAbsolutePath().getParent(), CloudFormationYaml.read(file));
    }

    /** The directory of the template, against which its {@code CodeUri}s are resolved. */
    Path directory() {
        return directory;
    }

    /** The logical ids of its functions, in template order. */
    List<String> functionNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Type").asText().equals(FUNCTION_TYPE)) {
                names.add(resource.getKey());
            }
        }
        return names;
    }

    /**
     * The function of that logical id, if the template has it. In its environment, {@code !Ref} of a parameter is the
     * parameter's {@code Default} and {@code !Ref} of a resource the name {@code physicalNames} gives it.
     */
    Optional<LambdaFunction> function(String logicalId, Map<String, String> physicalNames)
            throws CannotInvokeException {
        if (!functionNames().contains(logicalId)) {
            return Optional.empty();
        }
        JsonNode properties = merged(
                template.path("Globals").path("Function"),
                template.path("Resources").path(logicalId).path("Properties"));
        Map<String, String> environment = new HashMap<>();
        for (Map.Entry<String, JsonNode> variable :
                properties.path("Environment").path("Variables").properties()) {
            environment.put(
                    variable.getKey(), resolve(logicalId, variable.getKey(), variable.getValue(), physicalNames));
        }
        // What Lambda derives from LoggingConfig: the runtime client formats its own log lines by it.
        JsonNode logging = properties.path("LoggingConfig");
        if (logging.path("LogFormat").asText().equals("JSON")) {
            environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            environment.put(
                    "AWS_LAMBDA_LOG_LEVEL", logging.path("ApplicationLogLevel").asText("INFO"));
        }
        return Optional.of(new LambdaFunction(
                logicalId,
                directory.resolve(properties.path("CodeUri").asText()),
                properties.path("Handler").asText(),
                properties.path("MemorySize").asInt(DEFAULT_MEMORY_MB),
                Duration.ofSeconds(properties.path("Timeout").asInt(DEFAULT_TIMEOUT_SECONDS)),
                environment));
    }

    /** A function's properties over those of Globals, maps merged key by key, as SAM does. */
    private static JsonNode merged(JsonNode globals, JsonNode own) {
        if (!globals.isObject() || !own.isObject()) {
            return own.isMissingNode() ? globals : own;
        }
        ObjectNode merged = globals.deepCopy();
        for (Map.Entry<String, JsonNode> field : own.properties()) {
            merged.set(field.getKey(), merged(globals.path(field.getKey()), field.getValue()));
        }
        return merged;
    }

    private String resolve(String function, String variable, JsonNode value, Map<String, String> physicalNames)
            throws CannotInvokeException {
        if (value.isValueNode()) {
            return value.asText();
        }
        String ref = value.size() == 1 ? value.path("Ref").asText("") : "";
        if (physicalNames.containsKey(ref)) {
            return physicalNames.get(ref);
        }
        JsonNode parameter = template.path("Parameters").path(ref);
        if (parameter.has("Default")) {
            return parameter.get("Default").asText();
        }
        throw new CannotInvokeException(variable + " of " + function + " is " + value
                + " in the template, which invoke resolves only for a parameter with a Default or for "
                + physicalNames.keySet() + ".");
    }
}
