package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;

/**
 * The handlers' CRaC beforeCheckpoint (SnapStart priming): it runs the real path — a request through the pipeline,
 * the store's reads by key through the Enhanced Client's schemas, the item schemas and transactions of a write — and
 * writes nothing, logs no request.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class SnapStartPrimingTest {

    /** The kinds of item (the partition key's prefix) read by BatchGetItem. */
    private static final class BatchReads implements ExecutionInterceptor {
        final Set<String> kinds = ConcurrentHashMap.newKeySet();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchGetItemRequest batch) {
                batch.requestItems()
                        .values()
                        .forEach(keys -> keys.keys()
                                .forEach(key -> kinds.add(key.get("PK").s().split("#")[0])));
            }
        }
    }

    @Test
    void primingRunsTheRealPathAndWritesNothing(DynamoDbEngine engine) throws Exception {
        ActionRecorder recorder = new ActionRecorder();
        BatchReads reads = new BatchReads();
        String log;
        Set<String> actions;
        try (DynamoDbClient client = engine.newClient(recorder, reads)) {
            TestApi table = TestApi.create(client);
            String before = everything(client, table.tableName);
            recorder.reset();
            try (CapturedOutput output = new CapturedOutput()) {
                LoyaltyApi api = LoyaltyApi.create(table.settings, client, Clock.systemUTC());
                List<OperationHandler> handlers = Operations.ALL.stream()
                        .map(operation -> OperationChecks.handler(operation, api))
                        .toList();
                for (OperationHandler handler : handlers) {
                    handler.beforeCheckpoint(null);
                }
                log = output.text();
            }
            actions = new TreeSet<>(recorder.actions); // before the check's own Scan below
            assertEquals(
                    before,
                    everything(client, table.tableName),
                    "priming wrote nothing, not even a token's rate limit state");
        }
        assertEquals(
                Set.of("dynamodb:UpdateItem", "dynamodb:BatchGetItem"),
                actions,
                "one authentication per handler (refused), then reads by key: no write of any kind");
        assertEquals(
                Set.of("MEMBERSHIP", "PRIMARY"),
                reads.kinds,
                "memberships and primary pointers read through their schemas");
        assertFalse(log.contains("\"message\":\"request\""), "priming is no client request: " + log);
        assertTrue(log.isBlank(), log);
    }

    /** Every item of the table, the access tokens included, as text. */
    private static String everything(DynamoDbClient client, String table) {
        return new TreeSet<>(client.scan(r -> r.tableName(table).consistentRead(true)).items().stream()
                        .map(Object::toString)
                        .toList())
                .toString();
    }
}
