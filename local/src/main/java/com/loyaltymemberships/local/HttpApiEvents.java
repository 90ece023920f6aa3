package com.loyaltymemberships.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Builds API Gateway HTTP API (payload 2.0) events the way API Gateway does, for the local server and tests. */
public final class HttpApiEvents {

    private HttpApiEvents() {}

    /** Header names lower-case, as API Gateway sends them; the body base64-encoded so every byte arrives as sent. */
    public static APIGatewayV2HTTPEvent event(
            String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName("127.0.0.1")
                        .withDomainPrefix("local")
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(method + " " + path)
                        .withTime(now.toString())
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }
}
