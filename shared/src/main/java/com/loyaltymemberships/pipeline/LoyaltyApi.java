package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.access.AccessGate;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.dynamodb.AccessTokenRepository;
import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.Fanout;
import com.loyaltymemberships.dynamodb.IdempotencyRepository;
import com.loyaltymemberships.dynamodb.MembershipRepository;
import com.loyaltymemberships.dynamodb.WriteRecovery;
import com.loyaltymemberships.dynamodb.WriteShards;
import com.loyaltymemberships.idempotency.Idempotency;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.MembershipService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The service, wired once per JVM: JSON, authentication and rate limit, Idempotency-Keys, the membership service and
 * its DynamoDB stores, and the request pipeline every handler runs ({@link RequestFlow}). Tests and the local server
 * build their own with {@link #create}; Lambda handlers use {@link #fromEnvironment()}.
 */
public final class LoyaltyApi {

    /** The Lambda synchronous payload limit (SPEC §1). */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    private final HttpApiEventCodec events;
    private final RequestFlow flow;
    private final Priming priming;
    private final WriteRecovery recovery;

    private LoyaltyApi(
            JsonCodec json,
            JsonLog log,
            AccessGate gate,
            Idempotency idempotency,
            MembershipService memberships,
            WriteRecovery recovery,
            Clock clock) {
        this.events = new HttpApiEventCodec(json.factory());
        this.flow = new RequestFlow(json, gate, idempotency, memberships, log, clock);
        this.priming = new Priming(flow, events, memberships, json, log, clock);
        this.recovery = recovery;
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
        DynamoDbTables tables = new DynamoDbTables(dynamoDb, settings.tableName(), settings.readIndexes());
        WriteRecovery recovery = new WriteRecovery(tables, clock, log);
        return new LoyaltyApi(
                json,
                log,
                new AccessGate(new AccessTokenRepository(tables), settings.rateLimitPolicy(), clock),
                new Idempotency(new IdempotencyRepository(tables, recovery), clock),
                new MembershipService(
                        new MembershipRepository(tables, new Fanout(WriteShards.COUNT), recovery, log), clock),
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
    public void handle(Operation<?, ?> operation, InputStream event, OutputStream response, Context context)
            throws IOException {
        events.write(flow.handle(operation, () -> events.readUnchecked(event), context), response);
    }

    /** Runs one request, an event already decoded, through the pipeline and logs it; never throws. */
    public APIGatewayV2HTTPResponse handle(Operation<?, ?> operation, APIGatewayV2HTTPEvent event, Context context) {
        return flow.handle(operation, () -> HttpRequest.of(event), context);
    }

    /** Warms this JVM for {@code operation} before a SnapStart snapshot (see {@link Priming}); writes nothing. */
    public void prime(Operation<?, ?> operation) {
        priming.prime(operation);
    }

    /** The Mews-style 404 for any path that is not one of the operations. */
    public APIGatewayV2HTTPResponse notFound(String requestId) {
        return flow.responses().error(ApiException.notFound(), requestId);
    }
}
