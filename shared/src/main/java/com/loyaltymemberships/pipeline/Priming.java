package com.loyaltymemberships.pipeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.loyaltymemberships.contract.Operation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Requests a handler runs on itself before Lambda takes its SnapStart snapshot, so that the restored
 * JVM already has JSON (parsing, binding, writing), validation, the DynamoDB client (its classes, TLS,
 * signing, a connection) and the error path loaded and warm. The tokens are made up: the request is
 * refused with 401 after one token lookup, so priming never writes anything.
 */
final class Priming {

    private static final String AUTH =
            "\"ClientToken\": \"SnapStart-priming\", \"AccessToken\": \"SnapStart-priming\", \"Client\": \"SnapStart priming\"";

    private static final Map<Operation, String> BODIES = Map.of(
            Operation.GET_ALL,
                    "{" + AUTH + ", \"ChainIds\": [\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"],"
                            + " \"CreatedUtc\": {\"StartUtc\": \"2022-10-15T00:00:00Z\", \"EndUtc\": \"2022-10-20T00:00:00Z\"},"
                            + " \"MembershipStates\": [\"Enrolled\"], \"Limitation\": {\"Count\": 10}}",
            Operation.ADD,
                    "{" + AUTH + ", \"ChainId\": \"3fa85f64-5717-4562-b3fc-2c963f66afa6\", \"LoyaltyMemberships\": [{"
                            + "\"AccountId\": \"fadd5bb6-b428-45d5-94f8-fd0d89fece6d\", \"LoyaltyProgramId\": \"f701dafb-5765-4cf4-b1dd-1f602a740ae5\","
                            + " \"IsPrimary\": true, \"State\": \"Enrolled\", \"MembershipNumber\": \"M-1\", \"Points\": 1,"
                            + " \"ExpirationDate\": \"2029-12-24T00:00:00Z\", \"Url\": \"https://example.com/m/1\"}]}",
            Operation.UPDATE,
                    "{" + AUTH
                            + ", \"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"905a4489-0960-4ac9-96ec-793f47365c92\","
                            + " \"State\": {\"Value\": \"Canceled\"}, \"Points\": {\"Value\": 42}, \"Url\": {\"Value\": null}}]}",
            Operation.DELETE, "{" + AUTH + ", \"LoyaltyMembershipIds\": [\"905a4489-0960-4ac9-96ec-793f47365c92\"]}");

    private Priming() {}

    static String body(Operation operation) {
        return BODIES.get(operation);
    }

    /** The made-up request as API Gateway would send it to the operation's function (payload format 2.0). */
    static byte[] event(Operation operation, JsonFactory factory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator event = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
            event.writeStartObject();
            event.writeStringField("version", "2.0");
            event.writeStringField("rawPath", operation.path());
            event.writeObjectFieldStart("headers");
            event.writeStringField("content-type", "application/json");
            event.writeEndObject();
            event.writeObjectFieldStart("requestContext");
            event.writeStringField("requestId", "snapstart-priming");
            event.writeObjectFieldStart("http");
            event.writeStringField("method", "POST");
            event.writeStringField("path", operation.path());
            event.writeEndObject();
            event.writeEndObject();
            event.writeStringField("body", body(operation));
            event.writeBooleanField("isBase64Encoded", false);
            event.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
