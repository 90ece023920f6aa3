package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Profile, a prototype of a proposal: {@link BareGetAll} plus the same JSON work as {@link ProfileGetAllJackson} done
 * with jackson-core's streaming parser and generator only (no databind): every property of the body read into plain
 * maps and lists, and a page written, as a hand-written reader and writer of the contract would.
 */
public final class ProfileGetAllJsonCore extends BareGetAll {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    protected String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event) {
        try (JsonParser parser = JSON.createParser(event.getBody().getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            Object body = read(parser);
            super.call(dynamoDb, event);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator generator = JSON.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart("LoyaltyMemberships");
                generator.writeEndArray();
                generator.writeNullField("Cursor");
                generator.writeEndObject();
            }
            return out.toString(StandardCharsets.UTF_8) + (body == null ? "" : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> object = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.put(name, read(parser));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> array = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read(parser));
            }
            return array;
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }
}
