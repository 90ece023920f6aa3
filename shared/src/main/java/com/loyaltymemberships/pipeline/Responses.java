package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.ErrorBody;
import com.loyaltymemberships.contract.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Renders what the pipeline answers: a {@link Reply} or an {@link ApiException}, as the HTTP response API Gateway sends. */
final class Responses {

    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final JsonCodec json;

    Responses(JsonCodec json) {
        this.json = json;
    }

    APIGatewayV2HTTPResponse success(Reply reply, String requestId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Request-Id", requestId);
        String body = null;
        if (reply.body().isPresent()) {
            headers.put("Content-Type", JSON_UTF8);
            body = new String(bytes(reply), StandardCharsets.UTF_8);
        }
        if (reply.replayed()) {
            headers.put("Idempotent-Replayed", "true");
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(reply.status())
                .withHeaders(headers)
                .withBody(body)
                .build();
    }

    APIGatewayV2HTTPResponse error(ApiException e, String requestId) {
        Map<String, String> headers = new HashMap<>(e.headers());
        headers.put("Request-Id", requestId);
        headers.put("Content-Type", JSON_UTF8);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(e.status())
                .withHeaders(headers)
                .withBody(new String(errorBody(e, requestId), StandardCharsets.UTF_8))
                .build();
    }

    /** A reply's body as sent: what an Idempotency-Key keeps, to send again byte for byte. */
    byte[] bytes(Reply reply) {
        if (reply.body().isEmpty()) {
            return new byte[0];
        }
        Object body = reply.body().get();
        return body instanceof byte[] raw ? raw : json.write(body);
    }

    /** The Mews-style error body: {@code Message}, {@code RequestId}, {@code Details}. */
    byte[] errorBody(ApiException e, String requestId) {
        return json.write(new ErrorBody(e.getMessage(), requestId, null));
    }
}
