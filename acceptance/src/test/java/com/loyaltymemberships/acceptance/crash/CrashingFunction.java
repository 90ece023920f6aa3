package com.loyaltymemberships.acceptance.crash;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.loyaltymemberships.devkit.AwsLimitsInterceptor;
import com.loyaltymemberships.local.HttpApiEvents;
import com.loyaltymemberships.local.LocalContext;
import com.loyaltymemberships.local.Router;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A function's JVM, for {@link CrashTest}: one request through the real handler and the SDK client, which dies
 * ({@link Runtime#halt}, as a killed process does: no shutdown hook, no finally) at a chosen write call.
 *
 * <p>The run is deterministic, so that two runs from the same store write the same bytes: the clock is fixed and every
 * {@link java.security.SecureRandom} (Membership Ids, UUIDs) is seeded. That is done from outside the service, by a
 * security provider, so the code under test is the production code unchanged.
 *
 * <p>Arguments: endpoint, table, operation (add|update|delete), request body file, the write call to die at (0: none),
 * {@code before} or {@code after} that call is sent, and a file to write its write calls to, one letter each:
 * {@value #MEMBERSHIP_PUT} for a PutItem of a membership (a journal part applied by puts sends ~100), {@value #OTHER}
 * for any other.
 */
public final class CrashingFunction {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    /** What Lambda's runtime reports when a process is killed. */
    static final int KILLED = 137;

    static final char MEMBERSHIP_PUT = 'm';
    static final char OTHER = 'w';

    public static void main(String[] args) throws IOException {
        Security.insertProviderAt(new SeededRandomProvider(), 1);
        URI endpoint = URI.create(args[0]);
        String table = args[1];
        String operation = args[2];
        byte[] body = Files.readAllBytes(Path.of(args[3]));
        int dieAt = Integer.parseInt(args[4]);
        boolean afterSending = args[5].equals("after");
        Path writesFile = Path.of(args[6]);

        WriteCounter writes = new WriteCounter(dieAt, afterSending);
        try (DynamoDbClient client = client(endpoint, writes)) {
            LoyaltyApi api = LoyaltyApi.create(
                    Settings.fromEnvironment().withTableName(table), client, Clock.fixed(NOW, ZoneOffset.UTC));
            APIGatewayV2HTTPResponse response = new Router(api)
                    .route(
                            HttpApiEvents.event(
                                    "POST",
                                    "/api/connector/v1/loyaltyMemberships/" + operation,
                                    null,
                                    Map.of("content-type", "application/json"),
                                    body),
                            LocalContext.FUNCTION_TIMEOUT_MILLIS);
            Files.writeString(writesFile, writes.kinds.toString());
            System.out.println(response.getStatusCode());
        }
    }

    /**
     * The production client but for its timeouts: on a busy test machine a call can outlast the 5 s call timeout, and
     * the retry that follows adds a write call, so two runs of one request would not write the same calls. Timeouts
     * have their own test (TimeBudgetTest); here every run must take the same path.
     */
    private static DynamoDbClient client(URI endpoint, WriteCounter writes) {
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofMinutes(1))
                        .apiCallTimeout(Duration.ofMinutes(1))
                        .executionInterceptors(List.of(new AwsLimitsInterceptor(), writes)))
                .build();
    }

    /** Counts the calls that write, and halts the JVM at the chosen one. */
    private static final class WriteCounter implements ExecutionInterceptor {
        private static final List<Class<?>> WRITES = List.of(
                UpdateItemRequest.class,
                PutItemRequest.class,
                DeleteItemRequest.class,
                BatchWriteItemRequest.class,
                TransactWriteItemsRequest.class);
        private final AtomicInteger count = new AtomicInteger();
        /** Each call's letter, in the order the calls are counted. */
        private final StringBuffer kinds = new StringBuffer();

        private final int dieAt;
        private final boolean afterSending;

        WriteCounter(int dieAt, boolean afterSending) {
            this.dieAt = dieAt;
            this.afterSending = afterSending;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!WRITES.contains(context.request().getClass())) {
                return;
            }
            int call;
            synchronized (kinds) {
                call = count.incrementAndGet();
                kinds.append(
                        context.request() instanceof PutItemRequest put
                                        && put.item().get("PK").s().startsWith("MEMBERSHIP#")
                                ? MEMBERSHIP_PUT
                                : OTHER);
            }
            if (call == dieAt && !afterSending) {
                Runtime.getRuntime().halt(KILLED);
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (WRITES.contains(context.request().getClass()) && count.get() == dieAt && afterSending) {
                Runtime.getRuntime().halt(KILLED);
            }
        }
    }

    /** Makes {@code new SecureRandom()} a seeded generator: every instance gives the same sequence, run after run. */
    private static final class SeededRandomProvider extends Provider {
        SeededRandomProvider() {
            super("SeededRandom", "1.0", "Deterministic SecureRandom for crash tests");
            putService(new Service(this, "SecureRandom", "Seeded", SeededRandom.class.getName(), null, null));
        }
    }

    public static final class SeededRandom extends SecureRandomSpi {
        private final Random random = new Random(8);

        @Override
        protected void engineSetSeed(byte[] seed) {
            // ignored: the sequence must not depend on seeds others supply
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            random.nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] seed = new byte[numBytes];
            random.nextBytes(seed);
            return seed;
        }
    }
}
