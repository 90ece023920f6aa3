package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.DeleteRequest;
import com.loyaltymemberships.contract.ErrorBody;
import com.loyaltymemberships.contract.GetAllRequest;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.UpdateRequest;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import com.networknt.schema.Error;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * openapi.yaml: a valid OpenAPI 3.1 document describing exactly the four operations of SPEC §1, whose
 * examples and the events/ request bodies match their schemas, whose schemas are as strict as the
 * contract where JSON Schema can say it, and whose wire names are those of the service's wire types.
 * Every answer of the acceptance suite is checked against it by the hook in {@link TestApi#send}; the
 * last tests here show that the hook does catch drift.
 */
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApi API = OpenApi.get();
    private static final String CLIENT_TOKEN = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";
    private static final String ACCESS_TOKEN = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";
    private static final String ID = "905a4489-0960-4ac9-96ec-793f47365c92";

    private static final List<String> ERRORS = List.of("400", "401", "413", "429", "500", "503");
    private static final Map<String, List<String>> STATUSES = Map.of(
            "getAll", concat(List.of("200", "204"), ERRORS),
            "add", concat(List.of("200", "409"), ERRORS),
            "update", concat(List.of("200", "409"), ERRORS),
            "delete", concat(List.of("200", "204", "409"), ERRORS));

    /**
     * What the request schema can say about each error event of events/: the body is rejected, or, where
     * the error depends on something JSON Schema cannot see, accepted.
     */
    private static final Map<String, Boolean> ERROR_EVENTS_REJECTED = Map.of(
            "add-error-missing-account.json", true, // AccountId is required in every item
            "getAll-error-count.json", true, // Count is 1..1000
            "update-error-null-state.json", true, // State's Value is required and not null
            "delete-error-no-chain.json", false); // ChainId is required only with a portfolio token

    // ---- the document ---------------------------------------------------------------------------

    @Test
    void isAValidOpenApi31Document() {
        assertEquals("3.1.0", API.document().path("openapi").asText());
        List<Error> errors = API.validateDocument();
        assertTrue(errors.isEmpty(), () -> "openapi.yaml against " + OpenApi.OAS_31_SCHEMA + ": " + errors);
    }

    @Test
    void theOfficialSchemaCatchesABrokenDocument() {
        ObjectNode noInfo = API.document().deepCopy();
        noInfo.remove("info");
        assertFalse(OpenApi.of(noInfo).validateDocument().isEmpty(), "a document without info");

        ObjectNode badSchema = API.document().deepCopy();
        ((ObjectNode) badSchema.at("/components/schemas/Error")).put("type", "strin");
        assertFalse(OpenApi.of(badSchema).validateDocument().isEmpty(), "a schema with an unknown type");

        ObjectNode noDescription = API.document().deepCopy();
        ((ObjectNode) noDescription.at(OpenApi.pointer("paths", Operations.ADD.path(), "post", "responses", "200")))
                .remove("description");
        assertFalse(OpenApi.of(noDescription).validateDocument().isEmpty(), "a response without a description");
    }

    @Test
    void describesExactlyTheOperations() {
        assertEquals(List.of(), OperationChecks.openApiProblems(API.document(), Operations.ALL));
        assertEquals(
                List.of(),
                OperationChecks.notFoundProblems(ApiException.notFound().getMessage(), Operations.ALL));
        JsonNode paths = API.document().path("paths");
        Set<String> expectedPaths =
                Operations.ALL.stream().map(Operation::path).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedPaths, names(paths, new TreeSet<>()));
        for (Operation<?, ?> operation : Operations.ALL) {
            String name = operation.operationName();
            JsonNode item = paths.path(operation.path());
            assertEquals(Set.of("post"), names(item, new TreeSet<>()), name + ": POST only");
            assertEquals(
                    OpenApi.pointer("paths", operation.path(), "post"),
                    API.operations().get(name));
            String op = API.operations().get(name);
            JsonNode post = API.document().at(op);
            assertEquals(name, post.path("operationId").asText());
            assertTrue(post.path("requestBody").path("required").asBoolean(), name + ": the body is required");
            assertEquals(Set.of("application/json"), names(post.at("/requestBody/content"), new TreeSet<>()));
            assertEquals(
                    new TreeSet<>(STATUSES.get(name)),
                    names(post.path("responses"), new TreeSet<>()),
                    name + ": documented statuses");
            assertTrue(
                    post.path("parameters").toString().contains("#/components/parameters/Prefer"),
                    name + ": the Prefer header");
            for (String status : STATUSES.get(name)) {
                String response = API.response(op, Integer.parseInt(status)).orElseThrow();
                JsonNode headers = API.document().at(response).path("headers");
                assertEquals(
                        "#/components/headers/Request-Id",
                        headers.at("/Request-Id/$ref").asText(),
                        name + " " + status + ": Request-Id");
                // 429 (rate limit), 503 (out of time) and, for a write, 409 (its Idempotency-Key is in use) say when to
                // retry.
                assertEquals(
                        Set.of("409", "429", "503").contains(status),
                        headers.has("Retry-After"),
                        name + " " + status + ": Retry-After");
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertEquals(
                            Set.of("application/json"),
                            names(API.document().at(response).path("content"), new TreeSet<>()));
                    assertEquals(
                            "#/components/schemas/Error",
                            API.document()
                                    .at(response + "/content/application~1json/schema/$ref")
                                    .asText(),
                            name + " " + status + ": the error body");
                } else if (status.equals("204")) {
                    assertTrue(API.document().at(response).path("content").isMissingNode(), name + " 204: no body");
                }
            }
        }
        assertTrue(API.document().at("/components/headers/Request-Id/required").asBoolean());
        assertEquals(
                "#/components/schemas/Error",
                API.document()
                        .at("/components/responses/NotFound/content/application~1json/schema/$ref")
                        .asText());
        assertTrue(API.document().at("/components/securitySchemes").isMissingNode(), "the tokens travel in the body");
        // ...and the document says so with an empty security requirement, which tools read as "none on purpose".
        assertEquals(JSON.createArrayNode(), API.document().path("security"), "security: []");
        List<String> servers = new ArrayList<>();
        API.document().path("servers").forEach(s -> servers.add(s.path("url").asText()));
        assertTrue(servers.contains("http://127.0.0.1:3000"), servers.toString());
        assertEquals(2, servers.size(), servers.toString());
    }

    // ---- examples -------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> requestExamplesMatchTheirRequestSchemas() {
        List<DynamicTest> tests = new ArrayList<>();
        API.operations().forEach((operation, pointer) -> {
            JsonNode examples = API.document().at(pointer + "/requestBody/content/application~1json/examples");
            assertFalse(examples.isEmpty(), operation + " has request examples");
            examples.properties()
                    .forEach(example -> tests.add(DynamicTest.dynamicTest(
                            operation + " " + example.getKey(),
                            () -> assertValid(
                                    API.validateRequest(
                                            operation, example.getValue().path("value")),
                                    example.getValue()))));
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> responseExamplesMatchTheirResponseSchemas() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        API.operations()
                .values()
                .forEach(op -> API.document()
                        .at(op + "/responses")
                        .properties()
                        .forEach(r -> responses.add(op + OpenApi.pointer("responses", r.getKey()))));
        API.document()
                .at("/components/responses")
                .properties()
                .forEach(r -> responses.add(OpenApi.pointer("components", "responses", r.getKey())));
        for (String response : responses) {
            JsonNode content = API.document().at(response).path("content");
            content.properties()
                    .forEach(media -> media.getValue()
                            .path("examples")
                            .properties()
                            .forEach(example -> tests.add(DynamicTest.dynamicTest(
                                    response + " " + example.getKey(),
                                    () -> assertValid(
                                            API.validate(
                                                    response + OpenApi.pointer("content", media.getKey(), "schema"),
                                                    example.getValue().path("value")),
                                            example.getValue())))));
        }
        assertTrue(tests.size() >= 10, "examples of the getAll and delete answers and of every error: " + tests.size());
        JsonNode documented = API.document()
                .at(OpenApi.pointer(
                        "paths",
                        Operations.GET_ALL.path(),
                        "post",
                        "responses",
                        "200",
                        "content",
                        "application/json",
                        "examples",
                        "documented",
                        "value"));
        assertEquals(
                JSON.createObjectNode().put("Discriminator", "Integration").putNull("EnterpriseProfile"),
                documented.at("/LoyaltyMemberships/0/CreatorProfile"),
                "profiles are objects (SPEC §3), not the docs' null");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> eventBodiesAreDocumentedExamplesThatMatchTheirRequestSchemas() throws IOException {
        return events().stream()
                .filter(name -> !name.contains("-error-"))
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    JsonNode event =
                            JSON.readTree(EventsTest.EVENTS.resolve(name).toFile());
                    String operation = operationOf(event);
                    JsonNode body = JSON.readTree(event.path("body").asText());
                    assertValid(API.validateRequest(operation, body), body);
                    List<JsonNode> examples = new ArrayList<>();
                    API.document()
                            .at(API.operations().get(operation) + "/requestBody/content/application~1json/examples")
                            .forEach(example -> examples.add(example.path("value")));
                    assertTrue(
                            examples.contains(body),
                            name + "'s body is one of the examples of " + operation + " in openapi.yaml");
                }));
    }

    @Test
    void theDocumentedExamplesAreTheEventBodies() throws IOException {
        for (String operation :
                Operations.ALL.stream().map(Operation::operationName).toList()) {
            JsonNode event =
                    JSON.readTree(EventsTest.EVENTS.resolve(operation + ".json").toFile());
            JsonNode documented = API.document()
                    .at(API.operations().get(operation)
                            + "/requestBody/content/application~1json/examples/documented/value");
            assertEquals(
                    JSON.readTree(event.path("body").asText()),
                    documented,
                    operation + ": the SPEC §10 example, verbatim");
        }
    }

    @Test
    void errorEventsAreRejectedWhereTheSchemaCanSayIt() throws IOException {
        Set<String> errorEvents =
                events().stream().filter(name -> name.contains("-error-")).collect(Collectors.toSet());
        assertEquals(ERROR_EVENTS_REJECTED.keySet(), errorEvents, "every error event has a verdict here");
        for (String name : errorEvents) {
            JsonNode event = JSON.readTree(EventsTest.EVENTS.resolve(name).toFile());
            List<Error> errors = API.validateRequest(
                    operationOf(event), JSON.readTree(event.path("body").asText()));
            assertEquals(ERROR_EVENTS_REJECTED.get(name), !errors.isEmpty(), name + ": " + errors);
        }
    }

    // ---- the schemas say what the contract says -------------------------------------------------

    @Test
    void requestSchemasFollowTheContract() {
        // getAll
        accepts("getAll", getAll().put("unknownProperty", 1));
        accepts("getAll", getAll().putNull("ChainIds").putNull("CreatedUtc").put("LanguageCode", "en-US"));
        accepts("getAll", with(getAll(), "ChainIds", array(ID.toUpperCase())));
        accepts("getAll", with(getAll(), "ActivityStates", array("Active", "Deleted")));
        rejects("getAll", base(), "Limitation is required");
        rejects("getAll", base().put("Limitation", "100"), "Limitation is an object");
        rejects("getAll", limited(1001), "Count at most 1000");
        rejects("getAll", limited(0), "Count at least 1");
        rejects("getAll", with(base(), "Limitation", JSON.createObjectNode().put("Count", "10")), "Count is a number");
        rejects(
                "getAll",
                with(
                        base(),
                        "Limitation",
                        JSON.createObjectNode().put("Count", 10).put("Cursor", "x")),
                "Cursor is a GUID");
        rejects(
                "getAll",
                with(getAll(), "ChainIds", array("3fa85f645717-4562-b3fc-2c963f66afa6")),
                "GUIDs are hyphenated");
        rejects("getAll", with(getAll(), "ChainIds", array(ID).add(JSON.nullNode())), "no null in a filter");
        rejects("getAll", with(getAll(), "MembershipStates", array("Cancelled")), "one l");
        rejects("getAll", with(getAll(), "ActivityStates", array("active")), "enums are case-sensitive");
        rejects("getAll", with(getAll(), "AccountIds", ids(1001)), "at most 1000 account Ids");
        rejects(
                "getAll",
                with(
                        getAll(),
                        "CreatedUtc",
                        JSON.createObjectNode()
                                .put("StartUtc", "2022-10-15T00:00:00")
                                .put("EndUtc", "2022-10-20T00:00:00Z")),
                "an instant has Z or an offset");
        rejects(
                "getAll",
                with(getAll(), "UpdatedUtc", JSON.createObjectNode().put("StartUtc", "2022-10-15T00:00:00Z")),
                "both bounds");
        rejects("getAll", getAll().remove(List.of("ClientToken")), "ClientToken is required");
        // add
        accepts("add", add(item()));
        accepts(
                "add",
                add(item().put("ExpirationDate", "2029-12-24")
                        .put("Url", "")
                        .put("State", "Declined")
                        .put("Points", -5)
                        .put("MembershipNumber", "x".repeat(255))
                        .put("ProviderMembershipId", "ignored")));
        accepts(
                "add",
                add(item().put("accountid", "not checked: names are case-insensitive, which JSON Schema cannot say")));
        rejects("add", add(), "at least one item");
        rejects("add", add(items(1001)), "at most 1000 items");
        rejects(
                "add",
                add(JSON.createObjectNode().put("AccountId", ID).put("LoyaltyProgramId", ID)),
                "IsPrimary is required");
        rejects("add", add(item().put("IsPrimary", "true")), "IsPrimary is a boolean");
        rejects("add", add(item().put("State", "Canceled ")), "an unknown state");
        rejects("add", add(item().put("Points", 2147483648L)), "Points is int32");
        rejects("add", add(item().put("Points", 1.5)), "Points is whole");
        rejects("add", add(item().put("MembershipNumber", "x".repeat(256))), "at most 255 characters");
        rejects("add", add(item().put("Code", "x".repeat(256))), "Code too");
        rejects("add", add(item().put("Url", "ftp://rewards.example.com/")), "http or https only");
        rejects("add", add(item().put("Url", "https://example.com/" + "x".repeat(2030))), "at most 2048 characters");
        rejects("add", add(item().put("ExpirationDate", "2029-12-24T00:00:00")), "a date-time has Z or an offset");
        rejects("add", add(item().put("ExpirationDate", "24.12.2029")), "not a date");
        rejects("add", add(item().put("LoyaltyTierId", "tier")), "LoyaltyTierId is a GUID");
        rejects("add", add(item()).put("ChainId", 5), "ChainId is a GUID string");
        rejects("add", add(item()).put("ChainId", "chain"), "ChainId is a GUID");
        // update
        accepts("update", update(change().set("Points", value(null))));
        accepts("update", update(change().set("Points", JSON.createObjectNode())));
        accepts("update", update(change().putNull("State").putNull("IsPrimary")));
        accepts("update", update(change().set("MembershipNumber", value(""))));
        accepts("update", update(change().set("ProviderMembershipId", value("x".repeat(100)))));
        accepts("update", update(change().set("Url", value(null))));
        accepts("update", update(change().set("LoyaltyTierId", value(null))));
        accepts("update", update(change().set("ExpirationDate", value("2038-01-19"))));
        accepts("update", update(change()));
        rejects("update", update(), "at least one item");
        rejects("update", update(JSON.createObjectNode().set("Points", value(1))), "LoyaltyMembershipId is required");
        rejects("update", update(change().set("LoyaltyProgramId", value(null))), "LoyaltyProgramId cannot be cleared");
        rejects("update", update(change().set("State", JSON.createObjectNode())), "State needs a Value");
        rejects("update", update(change().set("IsPrimary", value(null))), "IsPrimary cannot be cleared");
        rejects("update", update(change().set("State", value("Cancelled"))), "an unknown state");
        rejects(
                "update",
                update(change().set("ProviderMembershipId", value("x".repeat(101)))),
                "at most 100 characters");
        rejects("update", update(change().set("Points", value(1L << 31))), "Points is int32");
        rejects("update", update(change().put("Points", 42)), "Points is wrapped");
        // delete
        accepts("delete", delete(array(ID, ID)));
        rejects("delete", delete(JSON.createArrayNode()), "at least one Id");
        rejects("delete", delete(ids(1001)), "at most 1000 Ids");
        rejects("delete", delete(array("905a4489")), "GUIDs only");
        rejects("delete", base(), "LoyaltyMembershipIds is required");
    }

    @Test
    void responseSchemasFollowTheContract() {
        assertValid(API.validateComponent("Membership", membership()), membership());
        assertValid(API.validateComponent("MembershipsResponse", page(membership())), null);
        assertValid(API.validateComponent("MembershipsResponse", page()), null);
        assertValid(API.validateComponent("DeleteResponse", JSON.createObjectNode()), null);
        assertValid(API.validateComponent("Error", error()), null);
        for (String property : List.of(
                "Id",
                "State",
                "ProviderMembershipId",
                "Code",
                "Points",
                "ExpirationDate",
                "Url",
                "LoyaltyTierId",
                "CreatorProfile",
                "UpdaterProfile")) {
            ObjectNode m = membership();
            m.remove(property);
            assertRejected("Membership", m, property + " is never omitted");
        }
        assertRejected("Membership", membership().put("Extra", 1), "no other property");
        assertRejected("Membership", membership().putNull("CreatorProfile"), "profiles are never null (SPEC §3)");
        assertRejected("Membership", membership().put("Id", ID.toUpperCase()), "GUIDs are emitted in lower case");
        assertRejected("Membership", membership().put("MembershipNumber", "").put("Code", ""), "never \"\"");
        assertRejected("Membership", membership().put("ExpirationDate", "2029-11-04T13:00:00.5Z"), "to the second");
        assertRejected("Membership", membership().put("ExpirationDate", "2029-11-04T14:00:00+01:00"), "in UTC");
        assertRejected("Membership", membership().put("State", "Cancelled"), "one l");
        assertRejected("Membership", membership().put("IsPrimary", "true"), "a boolean");
        ObjectNode profile = membership();
        ((ObjectNode) profile.get("UpdaterProfile")).put("Name", "x");
        assertRejected("Membership", profile, "a profile has exactly two properties");
        assertRejected("MembershipsResponse", page().put("Cursor", ID), "an empty page has no Cursor");
        assertRejected(
                "MembershipsResponse", page(membership()).putNull("Cursor"), "a page with memberships has a Cursor");
        assertRejected("MembershipsResponse", page(membership()).put("Next", 1), "no other property");
        assertRejected("DeleteResponse", JSON.createObjectNode().put("Deleted", 2), "delete answers {}");
        assertRejected("Error", error().put("Details", "stack"), "Details is null");
        assertRejected("Error", error().remove(List.of("Details")), "Details is always present");
        assertRejected("Error", error().put("Message", ""), "a message");
    }

    /** The schemas name exactly the properties of the service's wire types, in the order the service writes them. */
    @Test
    void schemasNameTheWireTypesProperties() {
        MembershipView.ProfileView profile = new MembershipView.ProfileView("Integration", null);
        JsonNode page = written(MembershipsResponse.of(List.of(new MembershipView(
                ID, ID, ID, ID, "New", false, null, null, null, null, null, null, null, profile, profile))));
        JsonNode membership = page.get("LoyaltyMemberships").get(0);
        assertEquals(
                names(membership, new ArrayList<>()),
                names(schema("Membership").path("properties"), new ArrayList<>()));
        assertEquals(
                names(membership.get("CreatorProfile"), new ArrayList<>()),
                names(schema("Profile").path("properties"), new ArrayList<>()));
        assertEquals(
                names(page, new ArrayList<>()),
                names(schema("MembershipsResponse").path("properties"), new ArrayList<>()));
        assertEquals(
                names(written(new ErrorBody("m", "r", null)), new ArrayList<>()),
                names(schema("Error").path("properties"), new ArrayList<>()));
        assertEquals(
                properties(MembershipView.class),
                new LinkedHashSet<>(names(schema("Membership").path("properties"), new ArrayList<>())));

        assertEquals(
                properties(GetAllRequest.class),
                names(schema("GetAllRequest").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(GetAllRequest.TimeInterval.class),
                names(schema("TimeInterval").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(GetAllRequest.Limitation.class),
                names(schema("Limitation").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(AddRequest.class), names(schema("AddRequest").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(AddRequest.Item.class), names(schema("AddItem").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(UpdateRequest.class),
                names(schema("UpdateRequest").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(UpdateRequest.Item.class),
                names(schema("UpdateItem").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(UpdateRequest.Value.class),
                names(schema("NullableGuidValue").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                properties(DeleteRequest.class),
                names(schema("DeleteRequest").path("properties"), new LinkedHashSet<>()));
        assertEquals(
                Set.of("ClientToken", "AccessToken", "Client", "LanguageCode", "CultureCode"),
                names(schema("RequestBase").path("properties"), new LinkedHashSet<>()));
    }

    // ---- the hook in TestApi.send ---------------------------------------------------------------

    @Test
    void theHookAcceptsWhatTheContractSays() {
        String getAll = Operations.GET_ALL.path();
        noProblems("POST", getAll, 200, json(), page(membership()).toString());
        noProblems("POST", getAll, 200, json(), page().toString());
        noProblems("POST", getAll, 204, Map.of("Request-Id", "r1"), null);
        noProblems(
                "POST", Operations.ADD.path(), 200, json(), page(membership()).toString());
        noProblems(
                "POST",
                Operations.UPDATE.path(),
                200,
                json(),
                page(membership()).toString());
        noProblems("POST", Operations.DELETE.path(), 200, json(), "{}");
        noProblems("POST", Operations.DELETE.path(), 204, Map.of("request-id", "r1"), "");
        for (int status : List.of(400, 401, 413, 429, 500, 503)) {
            noProblems(
                    "POST",
                    getAll,
                    status,
                    Map.of("Request-Id", "r1", "Content-Type", "application/json; charset=utf-8", "Retry-After", "3"),
                    error().toString());
        }
        noProblems("POST", Operations.ADD.path(), 409, json(), error().toString());
        noProblems("POST", "/nowhere", 404, json(), error().toString());
        noProblems("GET", getAll, 404, json(), error().toString());
        noProblems("POST", getAll + "/", 404, json(), error().toString());
    }

    @Test
    void theHookCatchesDrift() {
        String getAll = Operations.GET_ALL.path();
        String add = Operations.ADD.path();
        problems("an undocumented status", "POST", add, 204, Map.of("Request-Id", "r1"), null);
        problems("409 is for writes", "POST", getAll, 409, json(), error().toString());
        problems("403 is reserved, unused", "POST", add, 403, json(), error().toString());
        problems("a known path answers 404", "POST", add, 404, json(), error().toString());
        problems("another method is a 404", "GET", getAll, 200, json(), page().toString());
        problems(
                "an unknown path is a 404",
                "POST",
                "/api/connector/v1/loyaltyMemberships/get",
                400,
                json(),
                error().toString());
        problems(
                "no Request-Id",
                "POST",
                getAll,
                200,
                Map.of("Content-Type", "application/json; charset=utf-8"),
                page().toString());
        problems(
                "no Request-Id on a 404",
                "POST",
                "/nowhere",
                404,
                Map.of("Content-Type", "application/json; charset=utf-8"),
                error().toString());
        problems("no Retry-After on a 429", "POST", getAll, 429, json(), error().toString());
        problems(
                "Retry-After in whole seconds",
                "POST",
                getAll,
                429,
                Map.of(
                        "Request-Id",
                        "r1",
                        "Content-Type",
                        "application/json; charset=utf-8",
                        "Retry-After",
                        "Wed, 21 Oct 2026 07:28:00 GMT"),
                error().toString());
        problems("a body on a 204", "POST", getAll, 204, Map.of("Request-Id", "r1"), page().toString());
        problems("no body on a 200", "POST", Operations.DELETE.path(), 200, json(), null);
        problems("not JSON", "POST", Operations.DELETE.path(), 200, json(), "{},");
        problems(
                "not UTF-8 JSON",
                "POST",
                Operations.DELETE.path(),
                200,
                Map.of("Request-Id", "r1", "Content-Type", "text/plain"),
                "{}");
        problems("delete answers {}", "POST", Operations.DELETE.path(), 200, json(), page().toString());
        problems(
                "an extra property",
                "POST",
                add,
                200,
                json(),
                page(membership().put("Version", 3)).toString());
        problems(
                "a null profile",
                "POST",
                add,
                200,
                json(),
                page(membership().putNull("UpdaterProfile")).toString());
        problems(
                "an error body without Details",
                "POST",
                getAll,
                400,
                json(),
                JSON.createObjectNode()
                        .put("Message", "Invalid")
                        .put("RequestId", "r1")
                        .toString());
        problems(
                "RequestId repeats the header",
                "POST",
                getAll,
                400,
                json(),
                error().put("RequestId", "r2").toString());
        problems(
                "Cursor is the last Id",
                "POST",
                getAll,
                200,
                json(),
                page(membership())
                        .put("Cursor", "ac48674e-58a2-43d6-a02b-9ead0b213b17")
                        .toString());
        problems(
                "Code is MembershipNumber",
                "POST",
                add,
                200,
                json(),
                page(membership().put("Code", "MBR-1")).toString());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The property names of a JSON object, in order, into a collection. */
    static <C extends java.util.Collection<String>> C names(JsonNode object, C into) {
        object.properties().forEach(e -> into.add(e.getKey()));
        return into;
    }

    /** An answer body as the service writes it. */
    private static JsonNode written(Object body) {
        try {
            return JSON.readTree(new JsonCodec().write(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode schema(String name) {
        return API.document().at(OpenApi.componentSchema(name));
    }

    /** A record's wire names: its components in PascalCase, as the service's JSON naming writes them. */
    private static Set<String> properties(Class<? extends Record> type) {
        Set<String> names = new LinkedHashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(Character.toUpperCase(component.getName().charAt(0))
                    + component.getName().substring(1));
        }
        return names;
    }

    private static List<String> events() throws IOException {
        try (Stream<Path> files = Files.list(EventsTest.EVENTS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private static String operationOf(JsonNode event) {
        String path = event.path("rawPath").asText();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void assertValid(List<Error> errors, JsonNode instance) {
        assertTrue(errors.isEmpty(), () -> errors + " in " + instance);
    }

    private static void accepts(String operation, ObjectNode body) {
        List<Error> errors = API.validateRequest(operation, body);
        assertTrue(errors.isEmpty(), () -> operation + " should accept " + abbreviated(body) + " but: " + errors);
    }

    private static void rejects(String operation, ObjectNode body, String why) {
        assertFalse(
                API.validateRequest(operation, body).isEmpty(),
                () -> operation + " should reject (" + why + ") " + abbreviated(body));
    }

    private static void assertRejected(String component, JsonNode instance, String why) {
        assertFalse(
                API.validateComponent(component, instance).isEmpty(),
                () -> component + " should reject (" + why + ") " + instance);
    }

    private static void noProblems(String method, String path, int status, Map<String, String> headers, String body) {
        List<String> problems = API.problems(method, path, status, headers, body);
        assertTrue(problems.isEmpty(), () -> method + " " + path + " " + status + ": " + problems);
    }

    private static void problems(
            String why, String method, String path, int status, Map<String, String> headers, String body) {
        assertFalse(API.problems(method, path, status, headers, body).isEmpty(), why);
    }

    private static String abbreviated(JsonNode body) {
        String text = body.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static Map<String, String> json() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Request-Id", "r1");
        headers.put("Content-Type", "application/json; charset=utf-8");
        return headers;
    }

    private static ObjectNode base() {
        return JSON.createObjectNode()
                .put("ClientToken", CLIENT_TOKEN)
                .put("AccessToken", ACCESS_TOKEN)
                .put("Client", "Sample Client 1.0.0");
    }

    private static ObjectNode limited(int count) {
        ObjectNode body = base();
        body.putObject("Limitation").put("Count", count);
        return body;
    }

    private static ObjectNode getAll() {
        return limited(100);
    }

    private static ObjectNode with(ObjectNode body, String property, JsonNode value) {
        body.set(property, value);
        return body;
    }

    private static ArrayNode array(String... values) {
        ArrayNode array = JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static ArrayNode ids(int count) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            array.add(String.format("00000000-0000-4000-8000-%012d", i));
        }
        return array;
    }

    private static ObjectNode item() {
        return JSON.createObjectNode()
                .put("AccountId", "fadd5bb6-b428-45d5-94f8-fd0d89fece6d")
                .put("LoyaltyProgramId", "F701DAFB-5765-4CF4-B1DD-1F602A740AE5")
                .put("IsPrimary", true);
    }

    private static ObjectNode[] items(int count) {
        ObjectNode[] items = new ObjectNode[count];
        Arrays.setAll(items, i -> item());
        return items;
    }

    private static ObjectNode add(ObjectNode... items) {
        ObjectNode body = base();
        body.putArray("LoyaltyMemberships").addAll(Arrays.asList(items));
        return body;
    }

    private static ObjectNode value(Object value) {
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.set("Value", JSON.valueToTree(value));
        return wrapper;
    }

    private static ObjectNode change() {
        return JSON.createObjectNode().put("LoyaltyMembershipId", ID);
    }

    private static ObjectNode update(ObjectNode... items) {
        ObjectNode body = base().put("ChainId", "3fa85f64-5717-4562-b3fc-2c963f66afa6");
        body.putArray("LoyaltyMembershipUpdates").addAll(Arrays.asList(items));
        return body;
    }

    private static ObjectNode delete(ArrayNode ids) {
        ObjectNode body = base();
        body.set("LoyaltyMembershipIds", ids);
        return body;
    }

    private static ObjectNode membership() {
        ObjectNode m = JSON.createObjectNode()
                .put("Id", ID)
                .put("ChainId", "3fa85f64-5717-4562-b3fc-2c963f66afa6")
                .put("AccountId", "fadd5bb6-b428-45d5-94f8-fd0d89fece6d")
                .put("LoyaltyProgramId", "f701dafb-5765-4cf4-b1dd-1f602a740ae5")
                .put("State", "Enrolled")
                .put("IsPrimary", false)
                .putNull("ProviderMembershipId")
                .put("Code", "MBR-2025-AX49ZT73")
                .put("MembershipNumber", "MBR-2025-AX49ZT73")
                .putNull("Points")
                .put("ExpirationDate", "2029-12-24T00:00:00Z")
                .putNull("Url")
                .putNull("LoyaltyTierId");
        m.putObject("CreatorProfile").put("Discriminator", "Integration").putNull("EnterpriseProfile");
        m.putObject("UpdaterProfile").put("Discriminator", "Integration").putNull("EnterpriseProfile");
        return m;
    }

    private static ObjectNode page(ObjectNode... memberships) {
        ObjectNode page = JSON.createObjectNode();
        page.putArray("LoyaltyMemberships").addAll(Arrays.asList(memberships));
        if (memberships.length == 0) {
            page.putNull("Cursor");
        } else {
            page.set("Cursor", memberships[memberships.length - 1].get("Id"));
        }
        return page;
    }

    private static ObjectNode error() {
        return JSON.createObjectNode()
                .put("Message", "Invalid Limitation: a value is required.")
                .put("RequestId", "r1")
                .putNull("Details");
    }
}
