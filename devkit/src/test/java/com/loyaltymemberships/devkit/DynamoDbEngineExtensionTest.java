package com.loyaltymemberships.devkit;

import static com.loyaltymemberships.devkit.TestTables.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(DynamoDbEngineExtension.class)
class DynamoDbEngineExtensionTest {
    private final DynamoDbEngine engine;
    private final DynamoDbClient dynamo;

    DynamoDbEngineExtensionTest(DynamoDbEngine engine, DynamoDbClient dynamo) {
        this.engine = engine;
        this.dynamo = dynamo;
    }

    @Test
    void resolvesOneSharedEngineAndClient(DynamoDbEngine methodEngine, DynamoDbClient methodClient) {
        assertSame(engine, methodEngine);
        assertSame(dynamo, methodClient);
        String table = TestTables.create(dynamo, "extension");
        try (DynamoDbClient other = engine.newClient()) {
            assertTrue(other.listTables().tableNames().contains(table));
        }
    }

    @Test
    void failsATestThatBrokeALimitAndClosesTheEngineWhenTheRunEnds() throws IOException {
        String previousEngine = System.setProperty(DynamoDbEngine.ENGINE_SETTING, "moto");
        System.setProperty(Example.ENABLED, "true");
        Events tests;
        try {
            tests = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(Example.class))
                    .execute()
                    .testEvents();
        } finally {
            MotoEngineTest.restore(DynamoDbEngine.ENGINE_SETTING, previousEngine);
            System.clearProperty(Example.ENABLED);
        }

        assertEquals(1, tests.failed().count());
        Throwable failure = tests.failed().stream()
                .findFirst()
                .orElseThrow()
                .getRequiredPayload(TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
        assertInstanceOf(AssertionError.class, failure);
        assertTrue(failure.getMessage().contains("BatchWriteItem: 26 write requests"), failure.getMessage());
        // The violation was cleared: the next test of the run passed.
        assertEquals(1, tests.succeeded().count());
        assertFalse(MotoEngineTest.accepts(Example.endpoint), "the run's engine still listens on " + Example.endpoint);
    }

    /** Run only through EngineTestKit above. */
    @EnabledIfSystemProperty(named = Example.ENABLED, matches = "true")
    @ExtendWith(DynamoDbEngineExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Example {
        static final String ENABLED = "devkit.extension-example";
        static URI endpoint;

        Example(DynamoDbEngine engine) {
            endpoint = engine.endpoint();
        }

        @Test
        @Order(1)
        void swallowsARejectedBatch(DynamoDbClient dynamo) {
            List<WriteRequest> puts = IntStream.range(0, 26)
                    .mapToObj(i -> WriteRequest.builder()
                            .putRequest(put -> put.item(key("p", Integer.toString(i))))
                            .build())
                    .toList();
            try {
                dynamo.batchWriteItem(request -> request.requestItems(Map.of("any-table", puts)));
            } catch (DynamoDbException swallowed) {
                // What careless code under test might do.
            }
        }

        @Test
        @Order(2)
        void staysWithinTheLimits(DynamoDbClient dynamo) {
            dynamo.listTables();
        }
    }
}
