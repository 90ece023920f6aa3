package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A bare handler as a stream handler: it reads the event's bytes without decoding them, makes the same one DynamoDB
 * call and writes a fixed response. The runtime then loads no event serialization at all, which the typed
 * {@link BareHandler} makes it load: the stricter of the two baselines (the service's handlers are stream handlers).
 */
public abstract class BareStreamHandler implements RequestStreamHandler {

    private final BareHandler bare;

    protected BareStreamHandler(BareHandler bare) {
        this.bare = bare;
    }

    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        event.readAllBytes();
        String body = bare.callOnce().replace("\\", "\\\\").replace("\"", "\\\"");
        response.write(
                ("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json; charset=utf-8\",\"Request-Id\":\"bare\"},"
                                + "\"body\":\"" + body + "\",\"isBase64Encoded\":false}")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
