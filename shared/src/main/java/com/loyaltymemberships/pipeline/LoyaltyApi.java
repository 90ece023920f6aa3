package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.access.AccessGate;
import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.ErrorBody;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.Operation;
import com.loyaltymemberships.dynamodb.AccessTokenRepository;
import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.Fanout;
import com.loyaltymemberships.dynamodb.IdempotencyRepository;
import com.loyaltymemberships.dynamodb.MembershipRepository;
import com.loyaltymemberships.dynamodb.Throttling;
import com.loyaltymemberships.dynamodb.WriteRecovery;
import com.loyaltymemberships.idempotency.Claim;
import com.loyaltymemberships.idempotency.Idempotency;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.logging.RequestLog;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import com.loyaltymemberships.validation.RequestValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The service, wired once per JVM: JSON, authentication and rate limit, Idempotency-Keys, the membership service,
 * and the request pipeline every handler runs (decode, authenticate and count, validate, execute, encode).
 * Tests and the local server build their own with {@link #create}; Lambda handlers use {@link #fromEnvironment()}.
 */
public final class LoyaltyApi {

    /** The Lambda synchronous payload limit (SPEC §1). */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    /** Time kept after a request's deadline to answer and log before the function's own timeout. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);
    /**
     * What an operation's reads may take before it writes: two calls in a row (the memberships, then the primary
     * pointers), each bounded by the client's call timeout. A request with less time left stops before them, having
     * changed nothing; its writes then check the time themselves (ChangeWriter).
     */
    private static final Duration READS = DynamoDbClients.CALL_TIMEOUT.multipliedBy(2);
    /** The function's timeout in template.yaml: the budget of a request that comes with no Lambda context. */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(29);

    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final JsonCodec json;
    private final HttpApiEventCodec events;
    private final JsonLog log;
    private final RequestLog requests;
    private final AccessGate gate;
    private final Idempotency idempotency;
    private final MembershipService memberships;
    private final WriteRecovery recovery;
    private final Clock clock;

    private LoyaltyApi(
            JsonCodec json,
            JsonLog log,
            AccessGate gate,
            Idempotency idempotency,
            MembershipService memberships,
            WriteRecovery recovery,
            Clock clock) {
        this.json = json;
        this.events = new HttpApiEventCodec(json.factory());
        this.log = log;
        this.requests = new RequestLog(log, clock);
        this.gate = gate;
        this.idempotency = idempotency;
        this.memberships = memberships;
        this.recovery = recovery;
        this.clock = clock;
    }

    private static final class Default {
        static final LoyaltyApi INSTANCE = create(Settings.fromEnvironment());
    }

    /** The JVM-wide instance configured from the environment (see {@link Settings}). */
    public static LoyaltyApi fromEnvironment() {
        return Default.INSTANCE;
    }

    private static LoyaltyApi create(Settings settings) {
        return create(
                settings, DynamoDbClients.create(settings.region(), settings.dynamoDbEndpoint()), Clock.systemUTC());
    }

    public static LoyaltyApi create(Settings settings, DynamoDbClient dynamoDb, Clock clock) {
        JsonCodec json = new JsonCodec();
        JsonLog log = new JsonLog(json.factory(), System.out, clock);
        DynamoDbTables tables = new DynamoDbTables(dynamoDb, settings.tableName());
        WriteRecovery recovery = new WriteRecovery(tables, clock, log);
        return new LoyaltyApi(
                json,
                log,
                new AccessGate(new AccessTokenRepository(tables), settings.rateLimitPolicy(), clock),
                new Idempotency(new IdempotencyRepository(tables, recovery), clock),
                new MembershipService(new MembershipRepository(tables, new Fanout(16), recovery, log), clock),
                recovery,
                clock);
    }

    /** Finishes or releases abandoned multi-transaction writes: what the scheduled recovery and the local sweeper run. */
    public WriteRecovery recovery() {
        return recovery;
    }

    /**
     * Runs one request, an API Gateway event as Lambda hands it to a stream handler, through the pipeline, logs it
     * and writes its response; an event that is not one is answered 400.
     */
    public <T, R> void handle(
            Operation operation,
            Class<T> requestType,
            Endpoint<T, R> endpoint,
            InputStream event,
            OutputStream response,
            Context context)
            throws IOException {
        events.write(handle(operation, requestType, endpoint, () -> read(event), context), response);
    }

    /** Runs one request, an event already decoded, through the pipeline and logs it; never throws. */
    public <T, R> APIGatewayV2HTTPResponse handle(
            Operation operation,
            Class<T> requestType,
            Endpoint<T, R> endpoint,
            APIGatewayV2HTTPEvent event,
            Context context) {
        return handle(operation, requestType, endpoint, () -> HttpRequest.of(event), context);
    }

    private <T, R> APIGatewayV2HTTPResponse handle(
            Operation operation,
            Class<T> requestType,
            Endpoint<T, R> endpoint,
            Supplier<HttpRequest> event,
            Context context) {
        long started = System.nanoTime();
        String requestId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
        Duration budget = context != null ? Duration.ofMillis(context.getRemainingTimeInMillis()) : FUNCTION_TIMEOUT;
        Outcome outcome = process(
                operation, requestType, endpoint, event, requestId, Deadline.after(clock, budget.minus(ANSWER_MARGIN)));
        requests.record(
                requestId,
                operation.operationName(),
                outcome.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000.0,
                outcome.items(),
                outcome.throttled());
        return outcome.response();
    }

    /** The response, how many memberships it carried or touched, and whether DynamoDB throttled it. */
    private record Outcome(APIGatewayV2HTTPResponse response, int items, boolean throttled) {

        Outcome(APIGatewayV2HTTPResponse response, int items) {
            this(response, items, false);
        }
    }

    private <T, R> Outcome process(
            Operation operation,
            Class<T> requestType,
            Endpoint<T, R> endpoint,
            Supplier<HttpRequest> event,
            String requestId,
            Deadline deadline) {
        try {
            Reply reply = run(operation, requestType, endpoint, event, requestId, deadline);
            return new Outcome(success(reply, requestId), reply.items());
        } catch (ApiException e) {
            return new Outcome(error(e, requestId), 0);
        } catch (RuntimeException e) {
            Optional<RetryLater.Answer> later = RetryLater.of(e, deadline);
            if (later.isPresent()) {
                if (later.get().throttled()) {
                    logThrottled(operation, requestId, e);
                }
                return new Outcome(
                        error(later.get().error(), requestId), 0, later.get().throttled());
            }
            logFailure(operation, requestId, e);
            return new Outcome(error(ApiException.unexpected(), requestId), 0);
        }
    }

    private <T, R> Reply run(
            Operation operation,
            Class<T> requestType,
            Endpoint<T, R> endpoint,
            Supplier<HttpRequest> event,
            String requestId,
            Deadline deadline) {
        HttpRequest request = event.get();
        if (!request.method().equals("POST") || !request.path().equals(operation.path())) {
            throw ApiException.notFound();
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge(MAX_BODY_BYTES);
        }
        JsonBody body = json.parseObject(request.body());
        // Counted as soon as the tokens check out, so even requests that fail validation count (SPEC §9).
        Caller caller = gate.admit(body.text("ClientToken"), body.text("AccessToken"));
        if (!request.hasJsonContentType()) {
            throw new ApiException(400, "Invalid Content-Type: the body must be sent as application/json (UTF-8).");
        }
        RequestValidator.client(body.text("Client"));
        boolean minimal = request.prefersMinimal();
        Optional<String> key = operation == Operation.GET_ALL ? Optional.empty() : request.header(Idempotency.HEADER);
        if (key.isEmpty()) {
            return execute(endpoint, json.bind(body, requestType), caller, Call.before(deadline), minimal);
        }
        Idempotency.Decision presented = idempotency.present(
                caller.accessTokenHash(), key.get(), operation.operationName(), json.canonical(body), deadline.at());
        if (presented instanceof Idempotency.Replay replay) {
            return Reply.replayed(replay.status(), replay.body());
        }
        Claim claim = ((Idempotency.Run) presented).claim();
        return executeKept(endpoint, () -> json.bind(body, requestType), caller, claim, deadline, minimal, requestId);
    }

    private <T, R> Reply execute(Endpoint<T, R> endpoint, T request, Caller caller, Call call, boolean minimal) {
        if (!call.deadline().allows(READS)) {
            throw new OutOfTimeException("not enough time left for the request's reads", null, false);
        }
        return endpoint.reply(endpoint.call(memberships, request, caller, call), minimal);
    }

    /**
     * Runs a write under its Idempotency-Key claim. Its answer is kept: with its last write when it writes, else (a
     * 4xx) on its own. After a 5xx or a 409 the key is let go, so that a retry runs again; but not while a write that
     * passed its point of no return is being finished: a retry then gets its answer.
     */
    private <T, R> Reply executeKept(
            Endpoint<T, R> endpoint,
            Supplier<T> request,
            Caller caller,
            Claim claim,
            Deadline deadline,
            boolean minimal,
            String requestId) {
        Call call = new Call(deadline, Optional.of(result -> {
            @SuppressWarnings("unchecked")
            Reply reply = endpoint.reply((R) result, minimal);
            return idempotency.receipt(claim, reply.status(), bytes(reply));
        }));
        try {
            return execute(endpoint, request.get(), caller, call, minimal);
        } catch (ApiException e) {
            if (e.status() == 409 || e.status() >= 500) {
                idempotency.release(claim);
            } else {
                idempotency.keep(idempotency.receipt(
                        claim, e.status(), json.write(new ErrorBody(e.getMessage(), requestId, null))));
            }
            throw e;
        } catch (OutOfTimeException e) {
            if (!e.finishing()) {
                idempotency.release(claim);
            }
            throw e;
        } catch (RuntimeException e) {
            idempotency.release(claim);
            throw e;
        }
    }

    /**
     * Warms this JVM for {@code operation} before a SnapStart snapshot: one made-up request through the
     * whole pipeline (refused with 401 after a token lookup, so nothing is written), then the same body
     * bound and validated, the store's reads, item schemas and transactions exercised on memberships that do not
     * exist (nothing is written), and a membership page written, so that those code paths are loaded too.
     */
    public <T, R> void prime(Operation operation, Class<T> requestType, Endpoint<T, R> endpoint) {
        // Not through handle(): a priming request is no request of a client, so it is neither logged nor counted in
        // metrics.
        byte[] event = Priming.event(operation, json.factory());
        APIGatewayV2HTTPResponse response = process(
                        operation,
                        requestType,
                        endpoint,
                        () -> read(new ByteArrayInputStream(event)),
                        "snapstart-priming",
                        Deadline.after(clock, FUNCTION_TIMEOUT))
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
        T request = json.bind(json.parseObject(Priming.body(operation).getBytes(StandardCharsets.UTF_8)), requestType);
        memberships.prime(
                request,
                json.bind(
                        json.parseObject(Priming.body(Operation.ADD).getBytes(StandardCharsets.UTF_8)),
                        AddRequest.class));
        json.write(MembershipsResponse.of(List.of()));
    }

    private HttpRequest read(InputStream event) {
        try {
            return events.read(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Mews-style 404 for any path that is not one of the four operations. */
    public APIGatewayV2HTTPResponse notFound(String requestId) {
        return error(ApiException.notFound(), requestId);
    }

    private byte[] bytes(Reply reply) {
        if (reply.body().isEmpty()) {
            return new byte[0];
        }
        Object body = reply.body().get();
        return body instanceof byte[] raw ? raw : json.write(body);
    }

    private APIGatewayV2HTTPResponse success(Reply reply, String requestId) {
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

    private APIGatewayV2HTTPResponse error(ApiException e, String requestId) {
        Map<String, String> headers = new HashMap<>(e.headers());
        headers.put("Request-Id", requestId);
        headers.put("Content-Type", JSON_UTF8);
        String body = new String(json.write(new ErrorBody(e.getMessage(), requestId, null)), StandardCharsets.UTF_8);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(e.status())
                .withHeaders(headers)
                .withBody(body)
                .build();
    }

    /** Which resource DynamoDB throttled, and why, as far as it said (the request's own line counts it: Throttled). */
    private void logThrottled(Operation operation, String requestId, RuntimeException e) {
        log.info("storage throttled", line -> {
            line.put("requestId", requestId);
            line.put("operation", operation.operationName());
            line.put("reasons", Throttling.reasons(e));
        });
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
