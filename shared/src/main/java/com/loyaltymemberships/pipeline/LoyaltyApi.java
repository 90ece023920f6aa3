package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.access.AccessGate;
import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.ErrorBody;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.dynamodb.AccessTokenRepository;
import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.Fanout;
import com.loyaltymemberships.dynamodb.MembershipRepository;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.logging.RequestLog;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.validation.RequestValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The service, wired once per JVM: JSON, authentication, rate limit, the membership service, and the
 * request pipeline every handler runs (decode, authenticate, count, validate, execute, encode).
 * Tests and the local server build their own with {@link #create}; Lambda handlers use
 * {@link #fromEnvironment()}.
 */
public final class LoyaltyApi {

    /** The Lambda synchronous payload limit (SPEC §1). */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final JsonCodec json;
    private final JsonLog log;
    private final RequestLog requests;
    private final AccessGate gate;
    private final MembershipService memberships;

    private LoyaltyApi(JsonCodec json, JsonLog log, RequestLog requests, AccessGate gate, MembershipService memberships) {
        this.json = json;
        this.log = log;
        this.requests = requests;
        this.gate = gate;
        this.memberships = memberships;
    }

    private static final class Default {
        static final LoyaltyApi INSTANCE = create(Settings.fromEnvironment());
    }

    /** The JVM-wide instance configured from the environment (see {@link Settings}). */
    public static LoyaltyApi fromEnvironment() {
        return Default.INSTANCE;
    }

    private static LoyaltyApi create(Settings settings) {
        return create(settings, DynamoDbClients.create(settings.region(), settings.dynamoDbEndpoint()), Clock.systemUTC());
    }

    public static LoyaltyApi create(Settings settings, DynamoDbClient dynamoDb, Clock clock) {
        JsonCodec json = new JsonCodec();
        JsonLog log = new JsonLog(json.mapper(), System.out, clock);
        DynamoDbTables tables = new DynamoDbTables(dynamoDb, settings.tableName());
        return new LoyaltyApi(json, log, new RequestLog(log, clock),
                new AccessGate(new AccessTokenRepository(tables), settings.rateLimitPolicy(), clock),
                new MembershipService(new MembershipRepository(tables, new Fanout(16), log), clock));
    }

    public MembershipService memberships() {
        return memberships;
    }

    /** What one operation does with a decoded request from an authenticated caller. */
    @FunctionalInterface
    public interface Endpoint<T> {
        Reply execute(T request, Caller caller, boolean prefersMinimal);
    }

    /** Runs one request through the pipeline and logs it; never throws. */
    public <T> APIGatewayV2HTTPResponse handle(Operation operation, Class<T> requestType, Endpoint<T> endpoint,
                                               APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
        Outcome outcome = process(operation, requestType, endpoint, event, requestId);
        requests.record(requestId, operation.operationName(), outcome.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000.0, outcome.items());
        return outcome.response();
    }

    /** The response, and how many memberships it carried or touched. */
    private record Outcome(APIGatewayV2HTTPResponse response, int items) {}

    private <T> Outcome process(Operation operation, Class<T> requestType, Endpoint<T> endpoint, APIGatewayV2HTTPEvent event,
                                String requestId) {
        try {
            Reply reply = run(operation, requestType, endpoint, event);
            return new Outcome(success(reply, requestId), reply.items());
        } catch (ApiException e) {
            return new Outcome(error(e, requestId), 0);
        } catch (RuntimeException e) {
            logFailure(operation, requestId, e);
            return new Outcome(error(ApiException.unexpected(), requestId), 0);
        }
    }

    private <T> Reply run(Operation operation, Class<T> requestType, Endpoint<T> endpoint, APIGatewayV2HTTPEvent event) {
        HttpRequest request = HttpRequest.of(event);
        if (!request.method().equals("POST") || !request.path().equals(operation.path())) {
            throw ApiException.notFound();
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge(MAX_BODY_BYTES);
        }
        ObjectNode body = json.parseObject(request.body());
        // Counted as soon as the tokens check out, so even requests that fail validation count (SPEC §9).
        Caller caller = gate.admit(JsonCodec.text(body, "ClientToken"), JsonCodec.text(body, "AccessToken"));
        if (!request.hasJsonContentType()) {
            throw new ApiException(400, "Invalid Content-Type: the body must be sent as application/json (UTF-8).");
        }
        RequestValidator.client(JsonCodec.text(body, "Client"));
        return endpoint.execute(json.bind(body, requestType), caller, request.prefersMinimal());
    }

    /**
     * Warms this JVM for {@code operation} before a SnapStart snapshot: one made-up request through the
     * whole pipeline (refused with 401 after a token lookup, so nothing is written), then the same body
     * bound and validated, and a membership page written, so that those code paths are loaded too.
     */
    public <T> void prime(Operation operation, Class<T> requestType, Endpoint<T> endpoint) {
        // Not through handle(): a priming request is no request of a client, so it is neither logged nor counted in metrics.
        APIGatewayV2HTTPResponse response = process(operation, requestType, endpoint, Priming.event(operation), "snapstart-priming").response();
        if (response.getStatusCode() != 401) {
            log.error("SnapStart priming got an unexpected answer", line -> line.put("status", response.getStatusCode()));
        }
        T request = json.bind(json.parseObject(Priming.body(operation).getBytes(StandardCharsets.UTF_8)), requestType);
        memberships.validate(request);
        json.write(MembershipsResponse.of(List.of()));
    }

    /** The Mews-style 404 for any path that is not one of the four operations. */
    public APIGatewayV2HTTPResponse notFound(String requestId) {
        return error(ApiException.notFound(), requestId);
    }

    private APIGatewayV2HTTPResponse success(Reply reply, String requestId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Request-Id", requestId);
        String body = null;
        if (reply.body().isPresent()) {
            headers.put("Content-Type", JSON_UTF8);
            body = new String(json.write(reply.body().get()), StandardCharsets.UTF_8);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(reply.status()).withHeaders(headers).withBody(body).build();
    }

    private APIGatewayV2HTTPResponse error(ApiException e, String requestId) {
        Map<String, String> headers = new HashMap<>(e.headers());
        headers.put("Request-Id", requestId);
        headers.put("Content-Type", JSON_UTF8);
        String body = new String(json.write(new ErrorBody(e.getMessage(), requestId, null)), StandardCharsets.UTF_8);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(e.status()).withHeaders(headers).withBody(body).build();
    }

    private void logFailure(Operation operation, String requestId, RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        log.error("unexpected failure", line -> {
            line.put("requestId", requestId);
            line.put("operation", operation.operationName());
            line.put("error", e.getClass().getName());
            line.put("stackTrace", trace.toString());
        });
    }
}
