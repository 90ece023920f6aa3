package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.functions.ChangesHandler;
import com.loyaltymemberships.functions.RecoveryHandler;
import com.loyaltymemberships.local.invoke.CloudFormationYaml;
import com.loyaltymemberships.logging.EmbeddedMetrics;
import com.loyaltymemberships.logging.RecoveryLog;
import com.loyaltymemberships.logging.RequestLog;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.OperationHandler;
import com.loyaltymemberships.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * template.yaml against the code: routes, handlers, artifacts, the table and its indexes, and each
 * function's IAM actions, which must be exactly the DynamoDB actions that function is seen to perform
 * (recorded from the SDK while its operation runs every path, failures and undo included).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class TemplateDriftTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void read() throws IOException {
        template = CloudFormationYaml.read(ROOT.resolve("template.yaml"));
        resources = template.get("Resources");
    }

    private static Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new HashMap<>();
        resources.properties().forEach(e -> {
            if (e.getValue().get("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue().get("Properties"));
            }
        });
        return found;
    }

    /** A function resource of the template and its handler, instantiated on the test's service. */
    private record Function(JsonNode resource, OperationHandler handler) {}

    /** The function whose handler serves each operation. */
    private static Map<Operation<?, ?>, Function> functionsByOperation(LoyaltyApi api)
            throws ReflectiveOperationException {
        Map<Operation<?, ?>, Function> byOperation = new HashMap<>();
        for (JsonNode function : ofType("AWS::Serverless::Function").values()) {
            String handler = function.get("Handler").asText();
            assertTrue(handler.endsWith("::handleRequest"), handler);
            // Not initialized: the change events' consumer builds its bus client from the environment when it is.
            Class<?> type = Class.forName(
                    handler.substring(0, handler.indexOf("::")), false, TemplateDriftTest.class.getClassLoader());
            if (!OperationHandler.class.isAssignableFrom(type)) {
                continue;
            }
            OperationHandler instance =
                    (OperationHandler) type.getConstructor(LoyaltyApi.class).newInstance(api);
            assertEquals(
                    null,
                    byOperation.put(instance.operation(), new Function(function, instance)),
                    "one function per operation");
        }
        return byOperation;
    }

    /** The template translated as {@code sam deploy} would: routes, functions, SnapStart, logs (.ci/sam-translate.py). */
    @Test
    void samTranslationHasARouteAndABuiltFunctionPerOperation() {
        OperationChecks.Translation translation =
                OperationChecks.samTranslation(ROOT.resolve("template.yaml"), Operations.ALL, true);
        assertEquals(0, translation.status(), translation.output());
        assertTrue(translation.output().endsWith("SAM translation: OK\n"), translation.output());
    }

    @Test
    void eachOperationHasItsFunctionRouteAndArtifact(DynamoDbClient dynamoDb) throws Exception {
        LoyaltyApi api = LoyaltyApi.create(Settings.fromEnvironment(), dynamoDb, Clock.systemUTC());
        Map<Operation<?, ?>, Function> functions = functionsByOperation(api);
        assertEquals(Set.copyOf(Operations.ALL), functions.keySet());
        assertEquals(List.of(), OperationChecks.templateProblems(template, Operations.ALL));
        for (Map.Entry<Operation<?, ?>, Function> entry : functions.entrySet()) {
            JsonNode function = entry.getValue().resource();
            Path jar = ROOT.resolve(function.get("CodeUri").asText());
            assertTrue(Files.isRegularFile(jar), jar + " (built by mvn package)");
            String handlerClass = function.get("Handler")
                            .asText()
                            .replace("::handleRequest", "")
                            .replace('.', '/') + ".class";
            try (JarFile file = new JarFile(jar.toFile())) {
                assertNotNull(file.getEntry(handlerClass), jar + " holds " + handlerClass);
                assertNotNull(
                        file.getEntry("com/loyaltymemberships/pipeline/LoyaltyApi.class"), "and the shared module");
                assertNotNull(
                        file.getEntry("software/amazon/awssdk/services/dynamodb/DynamoDbClient.class"),
                        "and its dependencies");
            }
        }
        assertEquals(
                Set.of("TABLE_NAME", "RATE_LIMIT_REQUESTS", "RATE_LIMIT_WINDOW_SECONDS", "READ_INDEXES"),
                names(template.get("Globals").get("Function").get("Environment").get("Variables")),
                "the settings the code reads (Settings.java)");
    }

    @Test
    void theTableIsTheOneTheCodeUses() {
        JsonNode table = ofType("AWS::DynamoDB::Table").values().iterator().next();
        CreateTableRequest code = TableDefinition.createTableRequest("any");
        Set<String> attributes = new TreeSet<>();
        table.get("AttributeDefinitions")
                .forEach(a -> attributes.add(a.get("AttributeName").asText() + ":"
                        + a.get("AttributeType").asText()));
        Set<String> codeAttributes = new TreeSet<>();
        for (AttributeDefinition a : code.attributeDefinitions()) {
            codeAttributes.add(a.attributeName() + ":" + a.attributeTypeAsString());
        }
        assertEquals(codeAttributes, attributes);
        assertEquals(keys(code.keySchema()), keys(table.get("KeySchema")));
        // Each index is "!If [Has<Set>Index<N>, the index, !Ref AWS::NoValue]": N is its place in
        // TableDefinition.Index.
        Map<String, String> indexes = new HashMap<>();
        table.get("GlobalSecondaryIndexes").forEach(entry -> {
            JsonNode choice = entry.get("Fn::If");
            assertEquals("AWS::NoValue", choice.get(2).get("Ref").asText(), entry.toString());
            JsonNode i = choice.get(1);
            indexes.put(
                    choice.get(0).asText(),
                    i.get("IndexName").asText() + " " + keys(i.get("KeySchema")) + " "
                            + i.get("Projection").get("ProjectionType").asText());
        });
        Map<String, String> codeIndexes = new HashMap<>();
        for (IndexSet set : IndexSet.values()) {
            List<GlobalSecondaryIndex> inCode =
                    TableDefinition.createTableRequest("any", set).globalSecondaryIndexes();
            for (int n = 1; n <= inCode.size(); n++) {
                GlobalSecondaryIndex i = inCode.get(n - 1);
                codeIndexes.put(
                        INDEX_COUNTS.get(set).condition() + n,
                        i.indexName() + " " + keys(i.keySchema()) + " "
                                + i.projection().projectionTypeAsString());
            }
        }
        assertEquals(codeIndexes, indexes);
        assertEquals(code.billingModeAsString(), table.get("BillingMode").asText());
        assertEquals(
                TableDefinition.EXPIRES_AT,
                table.get("TimeToLiveSpecification").get("AttributeName").asText());
        assertTrue(table.get("TimeToLiveSpecification").get("Enabled").asBoolean());
        assertTrue(table.get("PointInTimeRecoverySpecification")
                .get("PointInTimeRecoveryEnabled")
                .asBoolean());
        assertTrue(table.get("DeletionProtectionEnabled").asBoolean());
    }

    /** The parameter that says how many indexes of a set the table has, and the conditions it makes. */
    private record IndexCount(String parameter, String condition, int byDefault) {}

    private static final Map<IndexSet, IndexCount> INDEX_COUNTS = Map.of(
            IndexSet.KEYS_ONLY, new IndexCount("KeysOnlyIndexCount", "HasKeysOnlyIndex", 9),
            IndexSet.LEGACY, new IndexCount("LegacyIndexCount", "HasLegacyIndex", 0));

    /**
     * An operator can add or drop the indexes of each set one stack update at a time (README, "Upgrading to KEYS_ONLY
     * indexes"): index N of a set exists when its count is N or more; the functions read the set ReadIndexes names, a
     * setting the code reads, and a rule refuses a set that is not whole. A new stack has the KEYS_ONLY set alone.
     */
    @Test
    void theIndexesOfEachSetComeAndGoOneStackUpdateAtATime() {
        JsonNode conditions = template.get("Conditions");
        int indexes = TableDefinition.Index.values().length;
        for (IndexCount count : INDEX_COUNTS.values()) {
            List<String> allowed = new ArrayList<>();
            parameters().get(count.parameter()).get("AllowedValues").forEach(v -> allowed.add(v.asText()));
            assertEquals(
                    IntStream.rangeClosed(0, indexes).mapToObj(String::valueOf).toList(), allowed, count.parameter());
            assertEquals(count.byDefault(), defaultOf(count.parameter()), count.parameter());
            for (int n = 1; n <= indexes; n++) {
                JsonNode condition = conditions.get(count.condition() + n);
                JsonNode equalsN =
                        n == indexes ? condition : condition.get("Fn::Or").get(0);
                assertEquals(ref(count.parameter()), equalsN.get("Fn::Equals").get(0), count.condition() + n);
                assertEquals(String.valueOf(n), equalsN.get("Fn::Equals").get(1).asText(), count.condition() + n);
                if (n < indexes) {
                    assertEquals(
                            count.condition() + (n + 1),
                            condition.get("Fn::Or").get(1).get("Condition").asText(),
                            "index " + n + " exists whenever index " + (n + 1) + " does");
                }
            }
        }
        JsonNode readIndexes = parameters().get("ReadIndexes");
        List<String> sets = new ArrayList<>();
        readIndexes.get("AllowedValues").forEach(v -> sets.add(v.asText()));
        assertEquals(Arrays.stream(IndexSet.values()).map(IndexSet::setting).toList(), sets);
        assertEquals(IndexSet.KEYS_ONLY.setting(), readIndexes.get("Default").asText());
        assertEquals(
                ref("ReadIndexes"),
                template.get("Globals")
                        .get("Function")
                        .get("Environment")
                        .get("Variables")
                        .get("READ_INDEXES"));
        String rule = template.get("Rules").get("ReadIndexesExist").toString();
        for (IndexSet set : IndexSet.values()) {
            assertTrue(
                    rule.contains(set.setting())
                            && rule.contains(INDEX_COUNTS.get(set).parameter()),
                    "the rule names " + set);
        }
    }

    @Test
    void recoveryRunsEveryMinuteAndIsAFunctionOfItsOwn() {
        JsonNode recovery = recoveryFunction();
        assertEquals(
                "functions/recovery/target/recovery.jar",
                recovery.get("CodeUri").asText());
        assertTrue(Files.isRegularFile(ROOT.resolve(recovery.get("CodeUri").asText())), "built by mvn package");
        JsonNode schedule = recovery.get("Events").elements().next();
        assertEquals("ScheduleV2", schedule.get("Type").asText());
        assertEquals(
                "rate(1 minute)",
                schedule.get("Properties").get("ScheduleExpression").asText());
    }

    // ---- the operator's controls (issue 13) ------------------------------------------------------

    private static JsonNode parameters() {
        return template.get("Parameters");
    }

    private static JsonNode ref(String name) {
        return JsonNodeFactory.instance.objectNode().put("Ref", name);
    }

    private static JsonNode getAtt(String resource, String attribute) {
        return JsonNodeFactory.instance.objectNode().put("Fn::GetAtt", resource + "." + attribute);
    }

    /** The logical id of the resource that {@code !GetAtt X.attribute} names. */
    private static String getAttOf(JsonNode value, String attribute) {
        String target = value.path("Fn::GetAtt").asText();
        assertTrue(target.endsWith("." + attribute), value + " is !GetAtt of " + attribute);
        String resource = target.substring(0, target.length() - attribute.length() - 1);
        assertTrue(resources.has(resource), resource + " is a resource of the template");
        return resource;
    }

    private static JsonNode resource(String name) {
        assertTrue(resources.has(name), "the template has " + name);
        return resources.get(name);
    }

    private static int defaultOf(String parameter) {
        return Integer.parseInt(parameters().get(parameter).get("Default").asText());
    }

    /** The four functions of the API (whose handlers serve an operation), by their logical id. */
    private static Set<String> apiFunctions() {
        Set<String> names = new TreeSet<>();
        resources.properties().forEach(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::Serverless::Function")) {
                String handler = e.getValue().get("Properties").get("Handler").asText();
                if (!handler.startsWith(RecoveryHandler.class.getName())
                        && !handler.startsWith(ChangesHandler.class.getName())) {
                    names.add(e.getKey());
                }
            }
        });
        assertEquals(
                Operations.ALL.size(),
                names.size(),
                "one function per operation, the recovery and the change events' consumer: " + names);
        return names;
    }

    /** A metric an alarm watches: namespace, name, dimensions as they are written, statistic. */
    private record Watched(String namespace, String metric, Map<String, JsonNode> dimensions, String stat) {

        boolean is(String namespace, String metric) {
            return this.namespace.equals(namespace) && this.metric.equals(metric);
        }
    }

    /** Every metric each alarm watches, by alarm: its own metric, or each MetricStat of its metric math. */
    private static Map<String, List<Watched>> watchedByAlarm() {
        Map<String, List<Watched>> byAlarm = new HashMap<>();
        ofType("AWS::CloudWatch::Alarm").forEach((name, alarm) -> {
            List<Watched> watched = new ArrayList<>();
            if (alarm.has("MetricName")) {
                String stat = alarm.has("ExtendedStatistic")
                        ? alarm.get("ExtendedStatistic").asText()
                        : alarm.get("Statistic").asText();
                watched.add(new Watched(
                        alarm.get("Namespace").asText(),
                        alarm.get("MetricName").asText(),
                        dimensions(alarm.path("Dimensions")),
                        stat));
            } else {
                int returned = 0;
                for (JsonNode query : alarm.get("Metrics")) {
                    returned += query.path("ReturnData").asText("true").equals("true") ? 1 : 0;
                    if (query.has("MetricStat")) {
                        JsonNode metric = query.get("MetricStat").get("Metric");
                        watched.add(new Watched(
                                metric.get("Namespace").asText(),
                                metric.get("MetricName").asText(),
                                dimensions(metric.path("Dimensions")),
                                query.get("MetricStat").get("Stat").asText()));
                    }
                }
                assertEquals(1, returned, name + ": metric math alarms on exactly one of its queries");
            }
            byAlarm.put(name, watched);
        });
        return byAlarm;
    }

    private static Map<String, JsonNode> dimensions(JsonNode list) {
        Map<String, JsonNode> dimensions = new HashMap<>();
        list.forEach(d -> dimensions.put(d.get("Name").asText(), d.get("Value")));
        return dimensions;
    }

    /** The alarms that watch {@code namespace}/{@code metric}, with what they watch of it. */
    private static Map<String, List<Watched>> watching(String namespace, String metric) {
        Map<String, List<Watched>> found = new HashMap<>();
        watchedByAlarm().forEach((alarm, watched) -> {
            List<Watched> of =
                    watched.stream().filter(w -> w.is(namespace, metric)).toList();
            if (!of.isEmpty()) {
                found.put(alarm, of);
            }
        });
        assertFalse(found.isEmpty(), "an alarm watches " + namespace + " " + metric);
        return found;
    }

    /**
     * The DynamoDB operations the functions perform: each granted action, but ConditionCheckItem, which is
     * TransactWriteItems'. The change events' consumer performs none (Lambda reads the stream for it).
     */
    private static Set<String> dynamoDbOperations() {
        Set<String> operations = new TreeSet<>();
        ofType("AWS::Serverless::Function").values().stream()
                .filter(f -> f.get("Policies").get(0).has("Statement"))
                .forEach(f -> f.get("Policies")
                        .get(0)
                        .get("Statement")
                        .forEach(statement -> statement
                                .get("Action")
                                .forEach(a -> operations.add(a.asText().replace("dynamodb:", "")))));
        assertTrue(operations.remove("ConditionCheckItem"), "the writers check conditions in their transactions");
        operations.add("TransactWriteItems");
        return operations;
    }

    /**
     * Every alarm notifies the topic the stack creates, and AlarmTopicArn too when one is given, when it fires and when
     * it is OK again; AlarmEmail, when given, is subscribed to the topic. Every alarm's metrics name resources of the
     * template.
     */
    @Test
    void everyAlarmReachesSomeone() {
        assertEquals("AWS::SNS::Topic", resource("AlarmTopic").get("Type").asText());
        JsonNode actions = JsonNodeFactory.instance
                .objectNode()
                .set(
                        "Fn::If",
                        JsonNodeFactory.instance
                                .arrayNode()
                                .add("HasAlarmTopic")
                                .add(JsonNodeFactory.instance
                                        .arrayNode()
                                        .add(ref("AlarmTopic"))
                                        .add(ref("AlarmTopicArn")))
                                .add(JsonNodeFactory.instance.arrayNode().add(ref("AlarmTopic"))));
        Map<String, JsonNode> alarms = ofType("AWS::CloudWatch::Alarm");
        assertTrue(alarms.size() >= 11, "the alarms of issue 13: " + alarms.keySet());
        alarms.forEach((name, alarm) -> {
            assertEquals(actions, alarm.get("AlarmActions"), name);
            assertEquals(actions, alarm.get("OKActions"), name);
            assertEquals(
                    "notBreaching",
                    alarm.get("TreatMissingData").asText(),
                    name + ": no data (no traffic) is no alarm");
            for (JsonNode named : alarm.findValues("Ref")) {
                assertTrue(resources.has(named.asText()) || parameters().has(named.asText()), name + " names " + named);
            }
        });
        assertEquals("", parameters().get("AlarmTopicArn").get("Default").asText());
        assertEquals("", parameters().get("AlarmEmail").get("Default").asText(), "no subscription unless asked for");
        JsonNode subscription = resource("AlarmEmailSubscription");
        assertEquals("AWS::SNS::Subscription", subscription.get("Type").asText());
        assertEquals("HasAlarmEmail", subscription.get("Condition").asText());
        assertEquals(ref("AlarmTopic"), subscription.get("Properties").get("TopicArn"));
        assertEquals("email", subscription.get("Properties").get("Protocol").asText());
        assertEquals(ref("AlarmEmail"), subscription.get("Properties").get("Endpoint"));
        assertEquals(
                "{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"AlarmEmail\"},\"\"]}]}",
                template.get("Conditions").get("HasAlarmEmail").toString());
        assertEquals(
                "{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"AlarmTopicArn\"},\"\"]}]}",
                template.get("Conditions").get("HasAlarmTopic").toString());
    }

    /**
     * The alarms watch what the code emits and the stack runs: the Throttled metric of the request log (RequestLog) for
     * every operation, the UnrecoveredWrites of the recovery's log (RecoveryLog), DynamoDB's throttled requests and
     * system errors for every operation the functions perform on the table, each API function's errors and p99
     * duration, and the recovery function's errors.
     */
    @Test
    void theAlarmsWatchWhatTheCodeEmitsAndTheStackRuns() {
        Set<JsonNode> operations = new HashSet<>();
        for (Operation<?, ?> operation : Operations.ALL) {
            operations.add(JsonNodeFactory.instance.textNode(operation.operationName()));
        }
        watching(RequestLog.NAMESPACE, RequestLog.THROTTLED).forEach((alarm, watched) -> {
            Set<JsonNode> alarmed = new HashSet<>();
            watched.forEach(w -> {
                assertEquals(Set.of(RequestLog.OPERATION), w.dimensions().keySet(), alarm);
                assertEquals("Sum", w.stat(), alarm);
                alarmed.add(w.dimensions().get(RequestLog.OPERATION));
            });
            assertEquals(operations, alarmed, alarm + " watches every operation");
        });
        watching(EmbeddedMetrics.NAMESPACE, RecoveryLog.UNRECOVERED)
                .forEach((alarm, watched) -> assertEquals(
                        Map.of(), watched.get(0).dimensions(), alarm + ": RecoveryLog's metrics have no dimension"));

        for (String metric : List.of("ThrottledRequests", "SystemErrors")) {
            watching("AWS/DynamoDB", metric).forEach((alarm, watched) -> {
                Set<String> alarmed = new TreeSet<>();
                watched.forEach(w -> {
                    assertEquals(ref("Table"), w.dimensions().get("TableName"), alarm);
                    alarmed.add(w.dimensions().get("Operation").asText());
                });
                assertEquals(
                        dynamoDbOperations(),
                        alarmed,
                        alarm + " watches every DynamoDB operation the functions perform");
            });
        }

        Set<JsonNode> apiFunctions = new HashSet<>();
        apiFunctions().forEach(f -> apiFunctions.add(ref(f)));
        for (String[] metric : new String[][] {{"Errors", "Sum"}, {"Duration", "p99"}, {"Throttles", "Sum"}}) {
            boolean allFour = watching("AWS/Lambda", metric[0]).values().stream()
                    .anyMatch(watched -> {
                        Set<JsonNode> functions = new HashSet<>();
                        watched.stream()
                                .filter(w -> w.stat().equals(metric[1]))
                                .forEach(w -> functions.add(w.dimensions().get("FunctionName")));
                        return functions.equals(apiFunctions);
                    });
            assertTrue(allFour, "an alarm watches " + metric[0] + " (" + metric[1] + ") of each API function");
        }
        assertTrue(
                watching("AWS/Lambda", "Errors").values().stream()
                        .flatMap(List::stream)
                        .anyMatch(w -> w.dimensions().get("FunctionName").equals(ref("RecoveryFunction"))),
                "an alarm watches the recovery's errors");
    }

    /** The scheduled recovery's failures (its function's, and Scheduler's deliveries) go to a queue whose depth is alarmed on. */
    @Test
    void recoveryFailuresGoToAnAlarmedQueue() {
        JsonNode recovery = recoveryFunction();
        JsonNode onFailure =
                recovery.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure");
        assertEquals("SQS", onFailure.get("Type").asText());
        String queue = getAttOf(onFailure.get("Destination"), "Arn");
        assertEquals("AWS::SQS::Queue", resource(queue).get("Type").asText());
        JsonNode schedule = recovery.get("Events").elements().next().get("Properties");
        assertEquals(
                queue,
                getAttOf(schedule.path("DeadLetterConfig").path("Arn"), "Arn"),
                "the schedule's dead letters go to the same queue");
        assertTrue(
                watching("AWS/SQS", "ApproximateNumberOfMessagesVisible").values().stream()
                        .flatMap(List::stream)
                        .anyMatch(w -> w.dimensions().get("QueueName").equals(getAtt(queue, "QueueName"))),
                "an alarm watches " + queue);
    }

    /**
     * Issue 15: the table's stream (old and new images, as TableDefinition creates it for the local engines) feeds the
     * change events' consumer one batch per shard at a time, with partial batch responses and bisection; what it gives
     * up goes to a queue whose depth is alarmed on, and the consumer may put events on the stack's bus only.
     */
    @Test
    void changeEventsFlowFromTheStreamToTheBusWithTheirFailuresAlarmed() {
        assertEquals(
                TableDefinition.createTableRequest("t").streamSpecification().streamViewTypeAsString(),
                ofType("AWS::DynamoDB::Table")
                        .values()
                        .iterator()
                        .next()
                        .path("StreamSpecification")
                        .path("StreamViewType")
                        .asText());
        JsonNode changes = ofType("AWS::Serverless::Function").values().stream()
                .filter(f -> f.get("Handler").asText().equals(ChangesHandler.class.getName() + "::handleRequest"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function runs " + ChangesHandler.class.getName()));
        assertTrue(Files.isRegularFile(ROOT.resolve(changes.get("CodeUri").asText())), "built by mvn package");
        assertEquals(
                ref("EventBus"), changes.path("Environment").path("Variables").get("EVENT_BUS_NAME"));
        assertEquals(
                ref("EventBus"),
                changes.get("Policies")
                        .get(0)
                        .path("EventBridgePutEventsPolicy")
                        .get("EventBusName"));
        JsonNode stream = changes.get("Events").elements().next();
        assertEquals("DynamoDB", stream.get("Type").asText());
        JsonNode mapping = stream.get("Properties");
        assertEquals("Table", getAttOf(mapping.get("Stream"), "StreamArn"));
        assertEquals(
                "[\"ReportBatchItemFailures\"]",
                mapping.get("FunctionResponseTypes").toString());
        assertTrue(mapping.get("BisectBatchOnFunctionError").asBoolean());
        // A shard's records one batch at a time, in order, batches of up to 100: Lambda's defaults (SAM types these as
        // numbers, which AddingAnOperationTest's copy of the template, all text, could not carry).
        assertFalse(mapping.has("ParallelizationFactor"), "Lambda's default: one batch at a time per shard");
        assertFalse(mapping.has("BatchSize"), "Lambda's default: 100 records");
        assertEquals(ref("EventsMaximumRetryAttempts"), mapping.get("MaximumRetryAttempts"));
        assertTrue(mapping.path("FilterCriteria").toString().contains("MEMBERSHIP"), "membership items only");
        JsonNode onFailure = mapping.path("DestinationConfig").path("OnFailure");
        assertEquals("SQS", onFailure.get("Type").asText());
        String queue = getAttOf(onFailure.get("Destination"), "Arn");
        assertEquals("AWS::SQS::Queue", resource(queue).get("Type").asText());
        assertTrue(
                watching("AWS/SQS", "ApproximateNumberOfMessagesVisible").values().stream()
                        .flatMap(List::stream)
                        .anyMatch(w -> w.dimensions().get("QueueName").equals(getAtt(queue, "QueueName"))),
                "an alarm watches " + queue);
        assertEquals("AWS::Events::EventBus", resource("EventBus").get("Type").asText());
        assertEquals(ref("EventBusName"), resource("EventBus").get("Properties").get("Name"));
    }

    /**
     * Stage throttling comes from its parameters, whose defaults leave the per-token rate limit the one a client meets
     * first; access logs go, as JSON with the fields an operator needs, to a log group kept LogRetentionInDays.
     */
    @Test
    void theStageIsThrottledAndLogged() throws IOException {
        JsonNode api = ofType("AWS::Serverless::HttpApi").values().iterator().next();
        assertEquals(
                ref("ApiThrottlingRateLimit"), api.get("DefaultRouteSettings").get("ThrottlingRateLimit"));
        assertEquals(
                ref("ApiThrottlingBurstLimit"), api.get("DefaultRouteSettings").get("ThrottlingBurstLimit"));
        double perToken = (double) defaultOf("RateLimitRequests") / defaultOf("RateLimitWindowSeconds");
        assertTrue(
                defaultOf("ApiThrottlingRateLimit") >= 10 * perToken,
                "the stage serves many tokens at their full rate");
        assertTrue(
                defaultOf("ApiThrottlingBurstLimit") >= defaultOf("RateLimitRequests"),
                "and one token's whole window at once");

        JsonNode logging = api.get("AccessLogSettings");
        String group = getAttOf(logging.get("DestinationArn"), "Arn");
        assertEquals("AWS::Logs::LogGroup", resource(group).get("Type").asText());
        assertEquals(
                ref("LogRetentionInDays"), resource(group).get("Properties").get("RetentionInDays"));
        String format = logging.get("Format").asText();
        JsonNode fields = TestApi.JSON.readTree(format);
        assertTrue(fields.isObject(), format);
        Map<String, String> variables = new HashMap<>();
        fields.properties().forEach(f -> {
            assertTrue(
                    f.getValue().isTextual(),
                    f.getKey() + " is quoted: API Gateway writes - for a value it does not have");
            assertTrue(
                    f.getValue().asText().matches("\\$context\\.[A-Za-z.]+"),
                    f.getKey() + " is one variable: " + f.getValue());
            variables.put(f.getValue().asText(), f.getKey());
        });
        for (String required : List.of(
                "$context.requestId",
                "$context.integration.requestId",
                "$context.routeKey",
                "$context.status",
                "$context.responseLatency",
                "$context.integrationLatency",
                "$context.integrationErrorMessage")) {
            assertTrue(variables.containsKey(required), "the access log has " + required + ": " + format);
        }
        String absent = format.replaceAll("\\$context\\.[A-Za-z.]+", "-");
        assertTrue(TestApi.JSON.readTree(absent).isObject(), "still JSON with every value absent: " + absent);
    }

    /** X-Ray active tracing on every function, from Globals, with no X-Ray SDK in the jars (it would cost every cold start). */
    @Test
    void functionsAreTracedWithoutAnXRaySdk() throws IOException {
        assertEquals(
                "Active",
                template.path("Globals").path("Function").path("Tracing").asText(),
                "Globals: Tracing: Active");
        for (JsonNode function : ofType("AWS::Serverless::Function").values()) {
            assertFalse(function.has("Tracing"), "no function turns it off");
            try (JarFile jar =
                    new JarFile(ROOT.resolve(function.get("CodeUri").asText()).toFile())) {
                assertTrue(
                        jar.stream().noneMatch(e -> e.getName().startsWith("com/amazonaws/xray/")),
                        jar.getName() + " has no X-Ray SDK");
            }
        }
    }

    /** ApiReservedConcurrency reaches the four API functions (-1, the default, reserves none); the recovery reserves none. */
    @Test
    void reservedConcurrencyIsAParameterOfTheApiFunctions() {
        JsonNode reserved = JsonNodeFactory.instance
                .objectNode()
                .set(
                        "Fn::If",
                        JsonNodeFactory.instance
                                .arrayNode()
                                .add("HasApiReservedConcurrency")
                                .add(ref("ApiReservedConcurrency"))
                                .add(ref("AWS::NoValue")));
        for (String function : apiFunctions()) {
            assertEquals(reserved, resource(function).get("Properties").get("ReservedConcurrentExecutions"), function);
        }
        assertFalse(recoveryFunction().has("ReservedConcurrentExecutions"));
        assertEquals(-1, defaultOf("ApiReservedConcurrency"));
        assertEquals(
                "{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"ApiReservedConcurrency\"},\"-1\"]}]}",
                template.get("Conditions").get("HasApiReservedConcurrency").toString());
    }

    /**
     * The table and each of its indexes have a ceiling of on-demand throughput, from the two parameters; by default it
     * leaves room for the stage's full rate of requests, each of which writes the access token's request log (3 units).
     */
    @Test
    void theTableHasACostCeilingOnEveryIndex() {
        JsonNode table = ofType("AWS::DynamoDB::Table").values().iterator().next();
        Map<String, JsonNode> throughputs = new HashMap<>(Map.of("the table", table.path("OnDemandThroughput")));
        table.get("GlobalSecondaryIndexes").forEach(entry -> {
            JsonNode i = entry.get("Fn::If").get(1); // each index is there on a condition
            throughputs.put(i.get("IndexName").asText(), i.path("OnDemandThroughput"));
        });
        throughputs.forEach((where, throughput) -> {
            assertEquals(
                    ref("TableMaxReadRequestUnits"),
                    throughput.path("MaxReadRequestUnits"),
                    where + " has the read ceiling");
            assertEquals(
                    ref("TableMaxWriteRequestUnits"),
                    throughput.path("MaxWriteRequestUnits"),
                    where + " has the write ceiling");
        });
        for (String parameter : List.of("TableMaxReadRequestUnits", "TableMaxWriteRequestUnits")) {
            assertEquals("1", parameters().get(parameter).get("MinValue").asText(), parameter + ": DynamoDB's minimum");
        }
        assertTrue(defaultOf("TableMaxWriteRequestUnits") >= 3 * defaultOf("ApiThrottlingRateLimit"));
    }

    /**
     * The dashboard names only resources, parameters and pseudo parameters of the template, is JSON once they are
     * substituted, shows every alarm, and has the API's requests, 4xx and 5xx and latency p50/p99, the table's consumed
     * units and throttled requests, and the Throttled metric of every operation.
     */
    @Test
    void theDashboardShowsWhatAnOperatorNeeds() throws IOException {
        JsonNode dashboard =
                ofType("AWS::CloudWatch::Dashboard").values().iterator().next();
        String body = dashboard.get("DashboardBody").get("Fn::Sub").asText();
        Matcher names = Pattern.compile("\\$\\{([^}]+)}").matcher(body);
        StringBuilder substituted = new StringBuilder();
        while (names.find()) {
            String name = names.group(1);
            String logicalId = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            String value;
            if (parameters().has(name)) {
                value = parameters().get(name).get("Default").asText();
            } else if (name.startsWith("AWS::")) {
                value = "us-east-1";
            } else {
                assertTrue(resources.has(logicalId), "the dashboard names " + name + ", which the template has not");
                value = "{" + name + "}";
            }
            names.appendReplacement(substituted, Matcher.quoteReplacement(value));
        }
        names.appendTail(substituted);
        JsonNode widgets = TestApi.JSON.readTree(substituted.toString()).get("widgets");

        Set<String> shown = new HashSet<>();
        Set<String> alarmsShown = new TreeSet<>();
        for (JsonNode widget : widgets) {
            JsonNode properties = widget.get("properties");
            properties.path("alarms").forEach(a -> alarmsShown.add(a.asText()));
            for (JsonNode metric : properties.path("metrics")) {
                if (metric.get(0).isTextual()) {
                    String stat = metric.get(metric.size() - 1).isObject()
                            ? metric.get(metric.size() - 1)
                                    .path("stat")
                                    .asText(properties.path("stat").asText())
                            : properties.path("stat").asText();
                    shown.add(metric.get(0).asText() + " " + metric.get(1).asText() + " " + stat);
                    for (int i = 2; i + 1 < metric.size() && metric.get(i).isTextual(); i += 2) {
                        shown.add(metric.get(0).asText() + " " + metric.get(1).asText() + " "
                                + metric.get(i).asText() + "="
                                + metric.get(i + 1).asText());
                    }
                }
            }
        }
        Set<String> alarms = new TreeSet<>();
        ofType("AWS::CloudWatch::Alarm").keySet().forEach(a -> alarms.add("{" + a + ".Arn}"));
        assertEquals(alarms, alarmsShown, "the dashboard shows every alarm");
        for (String expected : List.of(
                "AWS/ApiGateway Count ApiId={Api}",
                "AWS/ApiGateway 4xx ApiId={Api}",
                "AWS/ApiGateway 5xx ApiId={Api}",
                "AWS/ApiGateway Latency p50",
                "AWS/ApiGateway Latency p99",
                "AWS/DynamoDB ConsumedReadCapacityUnits TableName={Table}",
                "AWS/DynamoDB ConsumedWriteCapacityUnits TableName={Table}",
                "AWS/DynamoDB ThrottledRequests TableName={Table}",
                "AWS/SQS ApproximateNumberOfMessagesVisible QueueName={RecoveryFailureQueue.QueueName}",
                EmbeddedMetrics.NAMESPACE + " " + RecoveryLog.UNRECOVERED + " Sum")) {
            assertTrue(
                    shown.contains(expected), "the dashboard shows " + expected + "; it shows " + new TreeSet<>(shown));
        }
        for (Operation<?, ?> operation : Operations.ALL) {
            assertTrue(
                    shown.contains(RequestLog.NAMESPACE + " " + RequestLog.THROTTLED + " " + RequestLog.OPERATION + "="
                            + operation.operationName()),
                    "the dashboard shows Throttled of " + operation.operationName());
        }
        for (String operation : dynamoDbOperations()) {
            assertTrue(
                    shown.contains("AWS/DynamoDB ThrottledRequests Operation=" + operation),
                    "the dashboard shows throttled " + operation);
        }
    }

    private static JsonNode recoveryFunction() {
        return ofType("AWS::Serverless::Function").values().stream()
                .filter(f -> f.get("Handler").asText().equals(RecoveryHandler.class.getName() + "::handleRequest"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function runs " + RecoveryHandler.class.getName()));
    }

    /** A write of more memberships than one transaction takes: it goes through a journal and holds (ChangeWriter). */
    private static final int LARGE = 120;

    /**
     * Every path of every operation: successes, the primary rule, cursors, Ids, filters, large writes, Idempotency-Keys.
     * Each runs on a recorded service ({@code api}); {@code setup} is the same table through a client that is not recorded.
     */
    private static final Map<Operation<?, ?>, BiConsumer<TestApi, TestApi>> SCENARIOS = Map.of(
            Operations.GET_ALL,
                    (api, setup) -> {
                        List<String> ids = TestApi.ids(
                                api.getAll(PORTFOLIO_ACCESS_TOKEN, props()).memberships());
                        ObjectNode filtered = props();
                        filtered.set("AccountIds", array(UUID.randomUUID()));
                        filtered.set("Limitation", limitation(5).put("Cursor", ids.get(0)));
                        api.getAll(PORTFOLIO_ACCESS_TOKEN, filtered);
                        ObjectNode byId = props();
                        byId.set("LoyaltyMembershipIds", array(ids.get(0)));
                        api.getAll(PORTFOLIO_ACCESS_TOKEN, byId);
                    },
            Operations.ADD,
                    (api, setup) -> {
                        UUID account = UUID.randomUUID();
                        setup.add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(account, UUID.randomUUID(), true));
                        api.post("add", addBody(List.of(item(account, UUID.randomUUID(), true))));
                    },
            Operations.UPDATE,
                    (api, setup) -> {
                        UUID account = UUID.randomUUID();
                        String primary = setup.add(
                                        PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(account, UUID.randomUUID(), true))
                                .get(0)
                                .get("Id")
                                .asText();
                        api.post("update", updateBody(List.of(primary)));
                    },
            Operations.DELETE,
                    (api, setup) -> {
                        String primary = setup.add(
                                        PORTFOLIO_ACCESS_TOKEN,
                                        CHAIN_A,
                                        item(UUID.randomUUID(), UUID.randomUUID(), true))
                                .get(0)
                                .get("Id")
                                .asText();
                        api.post("delete", deleteBody(List.of(primary)));
                    });

    /** The body of a write of {@code count} memberships, existing ones made by {@code setup}. */
    private static ObjectNode write(Operation<?, ?> operation, TestApi setup, int count) {
        List<ObjectNode> items = new ArrayList<>();
        UUID account = UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            items.add(item(account, UUID.randomUUID(), i == 0));
        }
        if (operation == Operations.ADD) {
            return addBody(items);
        }
        List<String> ids = TestApi.ids(setup.post("add", addBody(items)).memberships());
        return operation == Operations.UPDATE ? updateBody(ids) : deleteBody(ids);
    }

    private static ObjectNode addBody(List<ObjectNode> items) {
        ObjectNode add = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        add.putArray("LoyaltyMemberships").addAll(items);
        return add;
    }

    private static ObjectNode updateBody(List<String> ids) {
        ObjectNode update = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        ArrayNode updates = update.putArray("LoyaltyMembershipUpdates");
        ids.forEach(id -> updates.add(
                TestApi.JSON.createObjectNode().put("LoyaltyMembershipId", id).set("IsPrimary", wrapped(false))));
        return update;
    }

    private static ObjectNode deleteBody(List<String> ids) {
        ObjectNode delete = body(PORTFOLIO_ACCESS_TOKEN).put("ChainId", CHAIN_A.toString());
        delete.set("LoyaltyMembershipIds", array(ids.toArray()));
        return delete;
    }

    /**
     * Each function, on every path it has, must be granted exactly the DynamoDB actions it performs, and each UpdateItem
     * it sends (alone or in a transaction) must fall under a statement whose LeadingKeys and Attributes allow it. Run
     * with the rate limit on (authentication counts the request with an UpdateItem) and off (a GetItem), as both are
     * deployable settings; writes small and large, with and without an Idempotency-Key, failing and cut off; and the
     * recovery function finishing or releasing what was cut off.
     */
    @Test
    void eachFunctionIsGrantedExactlyTheDynamoDbActionsItPerforms(DynamoDbEngine engine) throws Exception {
        ActionRecorder recorder = new ActionRecorder();
        FaultInjector faults = new FaultInjector();
        TestClock clock = new TestClock(Instant.now());
        try (DynamoDbClient client = engine.newClient(recorder, faults);
                DynamoDbClient unrecorded = engine.newClient()) {
            TestApi limited = TestApi.create(client).withClock(clock);
            TestApi unlimited = limited.withRateLimit(0, Settings.DEFAULT_RATE_WINDOW_SECONDS);
            Map<Operation<?, ?>, Function> functions =
                    functionsByOperation(LoyaltyApi.create(limited.settings, client, clock));
            limited.withClient(unrecorded)
                    .add(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, item(UUID.randomUUID(), UUID.randomUUID(), true));
            assertEquals(
                    Set.copyOf(Operations.ALL),
                    SCENARIOS.keySet(),
                    "TemplateDriftTest.SCENARIOS: every operation runs every path of its own, to record its actions");
            for (Operation<?, ?> operation : Operations.ALL) {
                recorder.reset();
                for (TestApi api : List.of(limited, unlimited)) {
                    TestApi setup = api.withClient(unrecorded);
                    SCENARIOS.get(operation).accept(api, setup);
                    if (operation != Operations.GET_ALL) {
                        // Once more, failing after the write was applied: what it wrote is read back.
                        faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.AFTER_APPLYING);
                        SCENARIOS.get(operation).accept(api, setup);
                        faults.reset();
                    }
                }
                if (operation != Operations.GET_ALL) {
                    TestApi setup = limited.withClient(unrecorded);
                    assertEquals(
                            200,
                            limited.post(operation.operationName(), "key-" + operation, write(operation, setup, LARGE))
                                    .status());
                    // Refused at its first hold or transaction: the write gives up and releases what it holds.
                    faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
                    limited.post(operation.operationName(), write(operation, setup, LARGE));
                    // A write under a key that fails: the key is let go for a retry.
                    faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
                    limited.post(operation.operationName(), "failing-" + operation, write(operation, setup, 1))
                            .assertError(500, "An unexpected error occurred.");
                    faults.reset();
                }
                // SnapStart priming runs under the function's role too, when a version is published: a refusal fails
                // the publish.
                functions.get(operation).handler().beforeCheckpoint(null);
                assertGranted(
                        operation.operationName(),
                        functions
                                .get(operation)
                                .resource()
                                .get("Policies")
                                .get(0)
                                .get("Statement"),
                        recorder);
            }

            // Writes cut off midway (every transaction after the first fails), then recovered once their leases end.
            try (DynamoDbClient cutter = engine.newClient(faults)) {
                RecoveryHandler recovery = new RecoveryHandler(LoyaltyApi.create(limited.settings, client, clock));
                TestApi cutting = limited.withClient(cutter);
                recorder.reset();
                // Past its point of no return: recovery finishes it, reading back a transaction whose answer was lost.
                cutOff(cutting, Operations.ADD, limited.withClient(unrecorded), faults);
                clock.advance(Duration.ofMinutes(5));
                faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.AFTER_APPLYING);
                assertEquals("recovered 1 abandoned writes", recovery.handleRequest(Map.of(), null));
                // Before it: recovery releases the holds; one release fails, and the next run does it.
                cutOff(cutting, Operations.UPDATE, limited.withClient(unrecorded), faults);
                cutOff(cutting, Operations.DELETE, limited.withClient(unrecorded), faults);
                clock.advance(Duration.ofMinutes(5));
                faults.fail(TransactWriteItemsRequest.class, 1, FaultInjector.When.BEFORE_SENDING);
                assertEquals("recovered 1 abandoned writes", recovery.handleRequest(Map.of(), null));
                faults.reset();
                clock.advance(Duration.ofMinutes(5));
                assertEquals("recovered 1 abandoned writes", recovery.handleRequest(Map.of(), null));
                assertEquals("recovered 0 abandoned writes", recovery.handleRequest(Map.of(), null));
            }
            assertGranted("recovery", recoveryFunction().get("Policies").get(0).get("Statement"), recorder);
        }
    }

    /**
     * Sends a large write whose transactions all fail after the first, as if its function died there: an add has then
     * passed its point of no return (503: recovery finishes it); an update or delete still holds its items (500: nothing
     * changed, and recovery releases them).
     */
    private static void cutOff(TestApi api, Operation<?, ?> operation, TestApi setup, FaultInjector faults) {
        ObjectNode write = write(operation, setup, LARGE);
        faults.failFrom(TransactWriteItemsRequest.class, 2);
        if (operation == Operations.ADD) {
            api.post(operation.operationName(), write).assertError(503, "The request could not finish in time.");
        } else {
            api.post(operation.operationName(), write).assertError(500, "An unexpected error occurred.");
        }
        faults.reset();
    }

    private static void assertGranted(String function, JsonNode statements, ActionRecorder recorder) {
        Set<String> granted = new TreeSet<>();
        boolean indexGranted = false;
        for (JsonNode statement : statements) {
            statement.get("Action").forEach(a -> granted.add(a.asText()));
            indexGranted |= statement.get("Resource").toString().contains("/index/*");
        }
        assertEquals(
                new TreeSet<>(recorder.actions),
                granted,
                function + ": the template grants what the function does, no more");
        assertEquals(recorder.queriedIndex, indexGranted, function + ": index access granted exactly when used");
        for (ActionRecorder.Update update : recorder.updates) {
            assertTrue(allows(statements, update), function + ": no statement allows UpdateItem on " + update);
        }
    }

    /** Whether a statement grants this UpdateItem: on its partition (LeadingKeys) and naming only its Attributes. */
    private static boolean allows(JsonNode statements, ActionRecorder.Update update) {
        for (JsonNode statement : statements) {
            if (!statement.get("Action").toString().contains("dynamodb:UpdateItem")) {
                continue;
            }
            JsonNode condition = statement.path("Condition");
            boolean partition = condition
                    .path("ForAllValues:StringLike")
                    .path("dynamodb:LeadingKeys")
                    .isMissingNode();
            for (JsonNode pattern : condition.path("ForAllValues:StringLike").path("dynamodb:LeadingKeys")) {
                partition |= update.partition().startsWith(pattern.asText().replace("*", ""));
            }
            Set<String> attributes = new HashSet<>();
            condition
                    .path("ForAllValues:StringEquals")
                    .path("dynamodb:Attributes")
                    .forEach(a -> attributes.add(a.asText()));
            boolean named = attributes.isEmpty()
                            && condition.path("ForAllValues:StringEquals").isMissingNode()
                    || attributes.containsAll(update.attributes());
            if (partition && named) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String keys(JsonNode schema) {
        List<String> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(
                k.get("AttributeName").asText() + ":" + k.get("KeyType").asText()));
        return String.join(",", keys);
    }

    private static String keys(List<KeySchemaElement> schema) {
        List<String> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(k.attributeName() + ":" + k.keyTypeAsString()));
        return String.join(",", keys);
    }
}
