package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.time.Deadline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Warms a JVM for one operation before Lambda takes its SnapStart snapshot, so that the restored JVM already has JSON
 * (parsing, binding, writing), validation, the DynamoDB client (its classes, TLS, signing, a connection) and the error
 * path loaded and warm: one made-up request through the whole pipeline, as its event (refused with 401 after one token
 * lookup: the tokens are made up, so priming never writes anything), then the same body bound and validated, and the
 * store's reads, item schemas and transactions exercised on memberships that do not exist.
 */
final class Priming {

    private static final String AUTH =
            "\"ClientToken\": \"SnapStart-priming\", \"AccessToken\": \"SnapStart-priming\", \"Client\": \"SnapStart priming\"";

    private final RequestFlow flow;
    private final HttpApiEventCodec events;
    private final MembershipService memberships;
    private final JsonCodec json;
    private final JsonLog log;
    private final Clock clock;

    Priming(
            RequestFlow flow,
            HttpApiEventCodec events,
            MembershipService memberships,
            JsonCodec json,
            JsonLog log,
            Clock clock) {
        this.flow = flow;
        this.events = events;
        this.memberships = memberships;
        this.json = json;
        this.log = log;
        this.clock = clock;
    }

    <T, R> void prime(Operation<T, R> operation) {
        // Not through RequestFlow.handle: a priming request is no request of a client, so it is neither logged nor
        // counted in metrics.
        byte[] event = event(operation);
        APIGatewayV2HTTPResponse response = flow.process(
                        new Exchange<>(
                                operation, "snapstart-priming", Deadline.after(clock, RequestFlow.FUNCTION_TIMEOUT)),
                        () -> events.readUnchecked(new ByteArrayInputStream(event)))
                .response();
        try {
            events.write(response, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (response.getStatusCode() != 401) {
            log.error(
                    "SnapStart priming got an unexpected answer", line -> line.put("status", response.getStatusCode()));
        }
        operation.validate(operation.bind(json.parseObject(body(operation).getBytes(StandardCharsets.UTF_8))));
        memberships.prime();
        json.write(MembershipsResponse.of(List.of()));
    }

    static String body(Operation<?, ?> operation) {
        return "{" + AUTH + ", " + operation.primingProperties() + "}";
    }

    /** The made-up request as API Gateway would send it to the operation's function (payload format 2.0). */
    private byte[] event(Operation<?, ?> operation) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator event = json.factory().createGenerator(bytes, JsonEncoding.UTF8)) {
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
