package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * openapi.yaml as a validator: JSON instances against its component schemas, request bodies against an
 * operation's request schema, and whole answers (status, headers, body) against what the document says
 * that operation (or, for any other path or method, the 404 answer) returns. Schemas are JSON Schema
 * draft 2020-12 with the OpenAPI 3.1 base vocabulary, evaluated by networknt json-schema-validator with
 * {@code format} asserted (uuid, date, date-time, uri); {@code $ref}s resolve inside the document.
 * Thread-safe; the document is read once per JVM.
 */
final class OpenApi {

    static final Path DOCUMENT = Path.of(System.getProperty("project.root", ".."), "openapi.yaml");

    /** The IRI the document is registered under, so that {@code #/components/...} resolves inside it. */
    private static final String BASE_IRI = "https://loyalty-memberships.invalid/openapi.json";
    /** The official OpenAPI 3.1 schemas, as shipped in the vertx-openapi jar. */
    private static final String OAS_31 = "https://spec.openapis.org/oas/3.1";

    static final String OAS_31_SCHEMA = OAS_31 + "/schema-base/2022-10-07";

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Answers are parsed as strictly as the service parses requests. */
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final class Holder {
        static final OpenApi INSTANCE = load(DOCUMENT);
    }

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApi(JsonNode document) {
        this.document = document;
        String json;
        try {
            json = STRICT_JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDialect(
                Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE_IRI, json)).schemaRegistryConfig(config));
    }

    /** The repository's openapi.yaml. */
    static OpenApi get() {
        return Holder.INSTANCE;
    }

    static OpenApi load(Path path) {
        try {
            return of(YAML.readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static OpenApi of(JsonNode document) {
        return new OpenApi(document);
    }

    JsonNode document() {
        return document;
    }

    /** Validates the document against the official OpenAPI 3.1 JSON Schema (with the base dialect for schemas). */
    List<Error> validateDocument() {
        SchemaRegistry oas = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(
                        resolvers -> resolvers.mapPrefix(OAS_31, "classpath:spec.openapis.org/oas/3.1")));
        return oas.getSchema(SchemaLocation.of(OAS_31_SCHEMA)).validate(document);
    }

    // ---- JSON pointers into the document --------------------------------------------------------

    /** A JSON pointer from its unescaped reference tokens. */
    static String pointer(String... tokens) {
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    static String componentSchema(String name) {
        return pointer("components", "schemas", name);
    }

    /** Follows Reference Objects ({@code $ref: '#/...'}) in the OpenAPI structure to what they name. */
    String dereference(String pointer) {
        for (int hops = 0; hops < 10; hops++) {
            JsonNode ref = document.at(pointer).get("$ref");
            if (ref == null || !ref.isTextual()) {
                return pointer;
            }
            if (!ref.textValue().startsWith("#/")) {
                throw new IllegalStateException("only local references are supported: " + ref.textValue());
            }
            pointer = ref.textValue().substring(1);
        }
        throw new IllegalStateException("reference loop at " + pointer);
    }

    /** operationId to path, for the operations of the document. */
    Map<String, String> operations() {
        Map<String, String> operations = new LinkedHashMap<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (op.getValue().has("operationId")) {
                        operations.put(
                                op.getValue().get("operationId").asText(),
                                pointer("paths", path.getKey(), op.getKey()));
                    }
                }));
        return operations;
    }

    /**
     * The pointer of the operation that answers this method and path, if the document has one. Paths are
     * matched exactly (case-sensitive, no trailing slash), as the service does; the document uses no
     * path templates.
     */
    Optional<String> operation(String method, String path) {
        JsonNode item = document.path("paths").get(path);
        String name = method.toLowerCase(Locale.ROOT);
        return item != null && HTTP_METHODS.contains(name) && item.has(name)
                ? Optional.of(pointer("paths", path, name))
                : Optional.empty();
    }

    private String operationPointer(String operationId) {
        String pointer = operations().get(operationId);
        if (pointer == null) {
            throw new IllegalArgumentException("no operation " + operationId + " in " + DOCUMENT);
        }
        return pointer;
    }

    /** The schema of the JSON request body of an operation. */
    String requestSchema(String operationId) {
        String body = dereference(operationPointer(operationId) + "/requestBody");
        return body + pointer("content", "application/json", "schema");
    }

    /** The Response Object an operation documents for this status (exact, then {@code 4XX}, then {@code default}). */
    Optional<String> response(String operationPointer, int status) {
        JsonNode responses = document.at(operationPointer + "/responses");
        for (String key : List.of(Integer.toString(status), (status / 100) + "XX", "default")) {
            if (responses.has(key)) {
                return Optional.of(dereference(operationPointer + pointer("responses", key)));
            }
        }
        return Optional.empty();
    }

    /** The schema of the JSON body an operation answers with this status, if it answers one. */
    Optional<String> responseSchema(String operationId, int status) {
        return response(operationPointer(operationId), status)
                .filter(r -> document.at(r).path("content").has("application/json"))
                .map(r -> r + pointer("content", "application/json", "schema"));
    }

    // ---- validation -----------------------------------------------------------------------------

    /** Validates an instance against the schema at this JSON pointer of the document. */
    List<Error> validate(String schemaPointer, JsonNode instance) {
        if (document.at(schemaPointer).isMissingNode()) {
            throw new IllegalArgumentException("no schema at " + schemaPointer + " in " + DOCUMENT);
        }
        Schema schema = schemas.computeIfAbsent(schemaPointer, p -> {
            Schema loaded = registry.getSchema(SchemaLocation.of(BASE_IRI + "#" + p));
            loaded.initializeValidators();
            return loaded;
        });
        return schema.validate(instance);
    }

    List<Error> validateComponent(String name, JsonNode instance) {
        return validate(componentSchema(name), instance);
    }

    List<Error> validateRequest(String operationId, JsonNode body) {
        return validate(requestSchema(operationId), body);
    }

    /**
     * The ways in which this answer to {@code method path} differs from what the document says: the
     * status must be one the operation documents (any other path or method: the 404 answer), every
     * required header must be there and match its schema, and the body must be JSON in UTF-8 matching
     * the documented schema, or absent where none is documented. Also checks what the document says in
     * words but cannot say in JSON Schema: {@code RequestId} repeats the {@code Request-Id} header,
     * {@code Cursor} is the {@code Id} of the last membership, and {@code Code} equals
     * {@code MembershipNumber}.
     */
    List<String> problems(String method, String path, int status, Map<String, String> headers, String body) {
        List<String> problems = new ArrayList<>();
        Optional<String> operation = operation(method, path);
        String responsePointer;
        if (operation.isPresent()) {
            Optional<String> response = response(operation.get(), status);
            if (response.isEmpty()) {
                problems.add("status " + status + " is not documented for "
                        + document.at(operation.get() + "/operationId").asText());
                return problems;
            }
            responsePointer = response.get();
        } else {
            if (status != 404) {
                problems.add(
                        "no operation answers " + method + " " + path + ", so the answer must be 404, not " + status);
                return problems;
            }
            responsePointer = pointer("components", "responses", "NotFound");
        }
        JsonNode response = document.at(responsePointer);

        response.path("headers").properties().forEach(entry -> {
            String headerPointer = dereference(responsePointer + pointer("headers", entry.getKey()));
            JsonNode header = document.at(headerPointer);
            Optional<String> value = header(headers, entry.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("the required header " + entry.getKey() + " is missing");
                }
                return;
            }
            JsonNode instance = headerValue(header.path("schema"), value.get());
            if (instance == null) {
                problems.add("header " + entry.getKey() + ": " + value.get() + " is not a whole number");
            } else {
                validate(headerPointer + "/schema", instance)
                        .forEach(e -> problems.add("header " + entry.getKey() + ": " + e));
            }
        });

        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody) {
                problems.add("no body is documented for status " + status + ", but the answer has one: "
                        + abbreviated(body));
            }
            return problems;
        }
        Optional<String> contentType = header(headers, "Content-Type");
        if (contentType.isEmpty()) {
            problems.add("the Content-Type header is missing");
        } else if (!isJsonInUtf8(contentType.get())) {
            problems.add("Content-Type is " + contentType.get() + ", not application/json; charset=utf-8");
        }
        if (!content.has("application/json")) {
            problems.add("the document has no application/json body for status " + status);
            return problems;
        }
        if (!hasBody) {
            problems.add("a body is documented for status " + status + ", but the answer has none");
            return problems;
        }
        JsonNode json;
        try {
            json = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            problems.add("the body is not valid JSON: " + e.getOriginalMessage());
            return problems;
        }
        validate(responsePointer + pointer("content", "application/json", "schema"), json)
                .forEach(e -> problems.add(e.toString()));
        invariants(headers, json, problems);
        return problems;
    }

    /** Fails the test unless {@link #problems} finds none. */
    void assertResponse(String method, String path, Response response) {
        List<String> problems = problems(method, path, response.status(), response.headers(), response.body());
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + path + " does not conform to openapi.yaml:\n  - "
                    + String.join("\n  - ", problems) + "\nstatus " + response.status() + ", headers "
                    + response.headers()
                    + ", body " + abbreviated(response.body()));
        }
    }

    /** {@link #assertResponse}, then the response itself: the hook in {@code TestApi.send}. */
    Response conforming(String method, String path, Response response) {
        assertResponse(method, path, response);
        return response;
    }

    private static void invariants(Map<String, String> headers, JsonNode json, List<String> problems) {
        // A replayed answer (SPEC §11) is the first answer byte for byte, so its body names the first request's id.
        boolean replayed = header(headers, "Idempotent-Replayed").isPresent();
        if (!replayed && json.has("RequestId") && json.get("RequestId").isTextual()) {
            Optional<String> header = header(headers, "Request-Id");
            if (header.isPresent() && !header.get().equals(json.get("RequestId").textValue())) {
                problems.add("RequestId " + json.get("RequestId") + " is not the Request-Id header " + header.get());
            }
        }
        JsonNode memberships = json.path("LoyaltyMemberships");
        if (memberships.isArray()) {
            JsonNode cursor = json.path("Cursor");
            if (memberships.size() > 0
                    && !cursor.equals(memberships.get(memberships.size() - 1).path("Id"))) {
                problems.add("Cursor " + cursor + " is not the Id of the last membership");
            }
            for (int i = 0; i < memberships.size(); i++) {
                JsonNode m = memberships.get(i);
                if (!m.path("Code").equals(m.path("MembershipNumber"))) {
                    problems.add("/LoyaltyMemberships/" + i + ": Code " + m.path("Code") + " is not MembershipNumber "
                            + m.path("MembershipNumber"));
                }
            }
        }
    }

    /** A header value as the instance its schema describes ({@code style: simple}): a number or a string. */
    private static JsonNode headerValue(JsonNode schema, String value) {
        String type = schema.path("type").asText("string");
        if (type.equals("integer")) {
            try {
                return JsonNodeFactory.instance.numberNode(new BigInteger(value.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    private static boolean isJsonInUtf8(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        boolean utf8 = false;
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                utf8 = parameter.length == 2
                        && parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8");
            }
        }
        return utf8;
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 2000
                ? String.valueOf(body)
                : body.substring(0, 2000) + "... (" + body.length() + " characters)";
    }
}
