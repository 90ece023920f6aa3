package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.loyaltymemberships.contract.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parts of an API Gateway HTTP API (payload 2.0) event that the operations look at. */
record HttpRequest(String method, String path, Map<String, String> headers, byte[] body) {

    /** The request in an event that Lambda's runtime decoded (the local server's and tests' way in). */
    static HttpRequest of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method =
                context != null && context.getHttp() != null ? context.getHttp().getMethod() : null;
        return of(
                method == null ? "" : method,
                event.getRawPath() == null ? "" : event.getRawPath(),
                event.getHeaders() == null ? Map.of() : event.getHeaders(),
                event.getBody() == null ? "" : event.getBody(),
                event.getIsBase64Encoded());
    }

    /** The request of an event's parts: API Gateway sends a body it does not take for text in base64. */
    static HttpRequest of(String method, String path, Map<String, String> headers, String body, boolean base64) {
        byte[] bytes;
        try {
            bytes = base64 ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Invalid request body: the event says it is base64, but it is not.");
        }
        return new HttpRequest(method, path, headers, bytes);
    }

    /** Header names are case-insensitive (API Gateway sends them lower-case; other callers may not). */
    Optional<String> header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** {@code Prefer: return=minimal}, possibly among other preferences. */
    boolean prefersMinimal() {
        return header("Prefer")
                .map(value -> {
                    for (String preference : value.split(",")) {
                        if (preference
                                .strip()
                                .toLowerCase(Locale.ROOT)
                                .replace(" ", "")
                                .equals("return=minimal")) {
                            return true;
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    /** JSON in UTF-8: {@code application/json}, with an optional charset parameter; absent is accepted. */
    boolean hasJsonContentType() {
        Optional<String> contentType = header("Content-Type");
        if (contentType.isEmpty()) {
            return true;
        }
        String[] parts = contentType.get().split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")
                    && !(parameter.length == 2
                            && parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }
}
