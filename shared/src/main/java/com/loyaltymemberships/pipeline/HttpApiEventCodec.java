package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.loyaltymemberships.contract.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an API Gateway HTTP API (payload 2.0) event and writes its response, on the service's own streaming
 * jackson-core. The handlers are stream handlers because of it: the runtime's own event serialization (a shaded,
 * reflective Jackson databind) cost a cold start about 175 ms, more than all the rest of the service (bench/results.md).
 * Only what {@link HttpRequest} holds is read; every other property of the event is skipped.
 */
final class HttpApiEventCodec {

    private final JsonFactory factory;

    HttpApiEventCodec(JsonFactory factory) {
        this.factory = factory;
    }

    /** {@link #read}, where a stream that cannot be read is a failure like any other (the pipeline's answer: 500). */
    HttpRequest readUnchecked(InputStream event) {
        try {
            return read(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request in {@code event}; a 400 if it is no JSON object or its properties are not of the event's types. */
    HttpRequest read(InputStream event) throws IOException {
        try (JsonParser parser = factory.createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid();
            }
            String method = "";
            String path = "";
            Map<String, String> headers = Map.of();
            String body = "";
            boolean base64 = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "rawPath" -> path = text(parser);
                    case "body" -> body = text(parser);
                    case "isBase64Encoded" -> base64 = flag(parser);
                    case "headers" -> headers = headers(parser);
                    case "requestContext" -> method = method(parser);
                    default -> parser.skipChildren();
                }
            }
            return HttpRequest.of(method, path, headers, body, base64);
        } catch (StreamReadException e) {
            throw invalid();
        }
    }

    /** {@code requestContext.http.method}, the rest of the request context skipped. */
    private static String method(JsonParser parser) throws IOException {
        requireObject(parser);
        String method = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_OBJECT && name.equals("http")) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String property = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (property.equals("method") && value != JsonToken.VALUE_NULL) {
                        method = text(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        return method;
    }

    /** Payload 2.0 headers: one string per name (API Gateway joins repeated headers with commas). */
    private static Map<String, String> headers(JsonParser parser) throws IOException {
        requireObject(parser);
        Map<String, String> headers = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_NULL) {
                headers.put(name, text(parser));
            }
        }
        return headers;
    }

    private static String text(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw invalid();
        }
        return parser.getText();
    }

    private static boolean flag(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw invalid();
        };
    }

    private static void requireObject(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(
                400, "Invalid request: the Lambda event is not an API Gateway HTTP API (payload format 2.0) event.");
    }

    /** The response as API Gateway reads a payload 2.0 function's answer: status, headers, body (text, not base64). */
    void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            // The stream is the runtime's: written and flushed, not closed.
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeNumberField("statusCode", response.getStatusCode());
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }
}
