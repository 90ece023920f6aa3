package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.functions.AddHandler;
import com.loyaltymemberships.functions.DeleteHandler;
import com.loyaltymemberships.functions.GetAllHandler;
import com.loyaltymemberships.functions.UpdateHandler;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.OperationHandler;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The handlers' CRaC beforeCheckpoint (SnapStart priming): it reaches DynamoDB, writes nothing, logs no request. */
@ExtendWith(DynamoDbEngineExtension.class)
class SnapStartPrimingTest {

    @Test
    void primingExercisesTheClientAndWritesNothing(DynamoDbEngine engine) throws Exception {
        ActionRecorder recorder = new ActionRecorder();
        String log;
        try (DynamoDbClient client = engine.newClient(recorder)) {
            TestApi table = TestApi.create(client);
            recorder.reset();
            try (CapturedOutput output = new CapturedOutput()) {
                LoyaltyApi api = LoyaltyApi.create(table.settings, client, Clock.systemUTC());
                List<OperationHandler<?, ?>> handlers = List.of(new GetAllHandler(api), new AddHandler(api), new UpdateHandler(api), new DeleteHandler(api));
                for (OperationHandler<?, ?> handler : handlers) {
                    handler.beforeCheckpoint(null);
                }
                log = output.text();
            }
        }
        assertEquals(Set.of("dynamodb:UpdateItem"), recorder.actions, "one authentication per handler, refused");
        assertFalse(log.contains("\"message\":\"request\""), "priming is no client request: " + log);
        assertFalse(log.contains("ERROR"), log);
        assertTrue(log.isBlank(), log);
    }
}
