package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.access.AccessGate;
import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.dynamodb.Throttling;
import com.loyaltymemberships.idempotency.Idempotency;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.logging.RequestLog;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import com.loyaltymemberships.validation.RequestValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The steps every request takes, whatever its operation: decode, authenticate and count, validate, run (under its
 * Idempotency-Key if it has one), answer; then one log line with its metrics. An error at any step is its answer.
 */
final class RequestFlow {

    /** Time kept after a request's deadline to answer and log before the function's own timeout. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);
    /**
     * What an operation's reads may take before it writes: two calls in a row (the memberships, then the primary
     * pointers), each bounded by the client's call timeout. A request with less time left stops before them, having
     * changed nothing; its writes then check the time themselves (ChangeWriter).
     */
    private static final Duration READS = DynamoDbClients.CALL_TIMEOUT.multipliedBy(2);
    /** The function's timeout in template.yaml: the budget of a request that comes with no Lambda context. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(29);

    private final JsonCodec json;
    private final AccessGate gate;
    private final KeyedWrite keyed;
    private final MembershipService memberships;
    private final Responses responses;
    private final JsonLog log;
    private final RequestLog requests;
    private final Clock clock;

    RequestFlow(
            JsonCodec json,
            AccessGate gate,
            Idempotency idempotency,
            MembershipService memberships,
            JsonLog log,
            Clock clock) {
        this.json = json;
        this.gate = gate;
        this.responses = new Responses(json);
        this.keyed = new KeyedWrite(idempotency, responses);
        this.memberships = memberships;
        this.log = log;
        this.requests = new RequestLog(log, clock);
        this.clock = clock;
    }

    Responses responses() {
        return responses;
    }

    /** Runs one request and logs it; never throws. */
    APIGatewayV2HTTPResponse handle(Operation<?, ?> operation, Supplier<HttpRequest> event, Context context) {
        long started = System.nanoTime();
        String requestId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
        Duration budget = context != null ? Duration.ofMillis(context.getRemainingTimeInMillis()) : FUNCTION_TIMEOUT;
        Handled outcome =
                process(exchange(operation, requestId, Deadline.after(clock, budget.minus(ANSWER_MARGIN))), event);
        requests.record(
                requestId,
                operation.operationName(),
                outcome.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000.0,
                outcome.items(),
                outcome.throttled());
        return outcome.response();
    }

    private static <T, R> Exchange<T, R> exchange(Operation<T, R> operation, String requestId, Deadline deadline) {
        return new Exchange<>(operation, requestId, deadline);
    }

    /** The response, how many memberships it carried or touched, and whether DynamoDB throttled it. */
    record Handled(APIGatewayV2HTTPResponse response, int items, boolean throttled) {

        Handled(APIGatewayV2HTTPResponse response, int items) {
            this(response, items, false);
        }
    }

    /** Runs one request without logging it (priming's made-up request is no client's). */
    Handled process(Exchange<?, ?> exchange, Supplier<HttpRequest> event) {
        String requestId = exchange.requestId();
        try {
            Reply reply = run(exchange, event.get());
            return new Handled(responses.success(reply, requestId), reply.items());
        } catch (ApiException e) {
            return new Handled(responses.error(e, requestId), 0);
        } catch (RuntimeException e) {
            Optional<RetryLater.Refusal> later = RetryLater.of(e, exchange.deadline());
            if (later.isPresent()) {
                if (later.get().throttled()) {
                    logThrottled(exchange, e);
                }
                return new Handled(
                        responses.error(later.get().error(), requestId),
                        0,
                        later.get().throttled());
            }
            logFailure(exchange, e);
            return new Handled(responses.error(ApiException.unexpected(), requestId), 0);
        }
    }

    private <T, R> Reply run(Exchange<T, R> exchange, HttpRequest request) {
        Operation<T, R> operation = exchange.operation();
        if (!request.method().equals("POST") || !request.path().equals(operation.path())) {
            throw ApiException.notFound();
        }
        if (request.body().length > LoyaltyApi.MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge(LoyaltyApi.MAX_BODY_BYTES);
        }
        JsonBody body = json.parseObject(request.body());
        // Counted as soon as the tokens check out, so even requests that fail validation count (SPEC §9).
        Caller caller = gate.admit(body.text("ClientToken"), body.text("AccessToken"));
        if (!request.hasJsonContentType()) {
            throw new ApiException(400, "Invalid Content-Type: the body must be sent as application/json (UTF-8).");
        }
        RequestValidator.client(body.text("Client"));
        boolean minimal = request.prefersMinimal();
        Optional<String> key = operation.takesIdempotencyKey() ? request.header(Idempotency.HEADER) : Optional.empty();
        if (key.isEmpty()) {
            return execute(
                    exchange,
                    operation.bind(body),
                    caller,
                    Call.of(exchange.requestId(), exchange.deadline()),
                    minimal);
        }
        return keyed.run(
                exchange,
                caller.accessTokenHash(),
                key.get(),
                json.canonical(body),
                minimal,
                call -> execute(exchange, operation.bind(body), caller, call, minimal));
    }

    private <T, R> Reply execute(Exchange<T, R> exchange, T request, Caller caller, Call<R> call, boolean minimal) {
        if (!call.deadline().allows(READS)) {
            throw new OutOfTimeException("not enough time left for the request's reads", null, false);
        }
        Operation<T, R> operation = exchange.operation();
        return operation.reply(operation.call(memberships, request, caller, call), minimal);
    }

    /** Which resource DynamoDB throttled, and why, as far as it said (the request's own line counts it: Throttled). */
    private void logThrottled(Exchange<?, ?> exchange, RuntimeException e) {
        log.info("storage throttled", line -> {
            line.put("requestId", exchange.requestId());
            line.put("operation", exchange.operation().operationName());
            line.put("reasons", Throttling.reasons(e));
        });
    }

    private void logFailure(Exchange<?, ?> exchange, RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        log.error("unexpected failure", line -> {
            line.put("requestId", exchange.requestId());
            line.put("operation", exchange.operation().operationName());
            line.put("error", e.getClass().getName());
            line.put("stackTrace", trace.toString());
        });
    }
}
