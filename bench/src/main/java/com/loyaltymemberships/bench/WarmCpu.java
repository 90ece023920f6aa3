package com.loyaltymemberships.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.cost.CostScenarios;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.functions.AddHandler;
import com.loyaltymemberships.functions.GetAllHandler;
import com.loyaltymemberships.local.DemoTokens;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.logging.RequestLog;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Warm CPU per request: the JVM's CPU time (all its threads) per API call after warm-up, ours through the real
 * handler against {@link RawApi} (the same DynamoDB requests on the low-level client, the same JSON work), both on
 * the production client ({@link DynamoDbClients}) in this JVM, in alternating blocks. Only the calls are timed: the
 * clean-up after each add (deleting what it wrote, so that moto's table stays small) is not.
 */
final class WarmCpu {

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbEngine engine;

    WarmCpu(DynamoDbEngine engine) {
        this.engine = engine;
    }

    void run(Markdown report) throws IOException {
        report.heading("Warm CPU per request: ours vs the raw SDK calls (target ≤ ×1.3)");
        report.paragraph(
                "JVM CPU time per request after warm-up (every Java thread of this JVM, nanosecond clock), in alternating blocks, on the production client"
                        + " (DynamoDbClients). Raw: the same DynamoDB requests (the UpdateItem of authentication and rate limit, then the Query or"
                        + " the TransactWriteItems) issued directly on the low-level client, with the same JSON parsing and writing and the same log"
                        + " line, without validation, domain objects or the Enhanced Client.");
        // getAll pages through 5 targets and 100 others; add writes to a table of its own that stays small (moto copies
        // the table once per transaction action).
        String table = CostScenarios.create(engine, 100).tableName();
        String addTable = CostScenarios.create(engine, 0).tableName();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        PrintStream stdout = System.out;
        List<List<String>> rows = new ArrayList<>();
        try (DynamoDbClient production = DynamoDbClients.create("us-east-1", Optional.of(engine.endpoint()));
                DynamoDbClient cleaner = engine.newClient()) {
            System.setOut(discard);
            Settings settings =
                    Settings.fromEnvironment().withTableName(table).withRateLimit(Settings.DEFAULT_RATE_LIMIT, 1);
            LoyaltyApi api = LoyaltyApi.create(settings, production, Clock.systemUTC());
            LoyaltyApi addApi = LoyaltyApi.create(settings.withTableName(addTable), production, Clock.systemUTC());
            System.setOut(stdout);
            RequestLog rawLog =
                    new RequestLog(new JsonLog(JSON.getFactory(), discard, Clock.systemUTC()), Clock.systemUTC());
            RawApi raw = new RawApi(production, table, rawLog);
            RawApi rawAdd = new RawApi(production, addTable, rawLog);
            GetAllHandler getAll = new GetAllHandler(api);
            AddHandler add = new AddHandler(addApi);

            APIGatewayV2HTTPEvent getAllEvent = event("getAll", getAllBody());
            rows.add(compare(
                    "getAll, one chain, Count 100 (UpdateItem + Query of 100 keys + BatchGetItem of 100)",
                    60,
                    8,
                    12,
                    () -> getAll.handle(getAllEvent, null),
                    () -> raw.getAll(getAllEvent),
                    r -> {}));

            APIGatewayV2HTTPEvent addEvent = event("add", addBody(100));
            rows.add(compare(
                    "add, 100 non-primary items (UpdateItem + TransactWriteItems of 100)",
                    6,
                    4,
                    2,
                    () -> add.handle(addEvent, null),
                    () -> rawAdd.add(addEvent),
                    r -> deleteAdded(cleaner, addTable, r)));
        } finally {
            System.setOut(stdout);
        }
        report.table(
                List.of(
                        "operation",
                        "CPU per request, ours / raw",
                        "[ours vs raw, CPU ms per request, medians of blocks]",
                        "blocks × requests"),
                rows);
    }

    private interface Measured {
        APIGatewayV2HTTPResponse run();
    }

    private static List<String> compare(
            String name,
            int warmup,
            int blocks,
            int perBlock,
            Measured ours,
            Measured raw,
            java.util.function.Consumer<APIGatewayV2HTTPResponse> after) {
        for (int i = 0; i < warmup; i++) {
            after.accept(check(ours.run()));
            after.accept(check(raw.run()));
        }
        List<Double> oursCpu = new ArrayList<>();
        List<Double> rawCpu = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            // Alternate which goes first in each block.
            double first = block(b % 2 == 0 ? ours : raw, perBlock, after);
            double second = block(b % 2 == 0 ? raw : ours, perBlock, after);
            double o = b % 2 == 0 ? first : second;
            double r = b % 2 == 0 ? second : first;
            oursCpu.add(o);
            rawCpu.add(r);
            ratios.add(o / r);
        }
        double ratio = Stats.median(oursCpu) / Stats.median(rawCpu);
        return List.of(
                name,
                "**" + Stats.ratio(ratio) + "** (median of block ratios " + Stats.ratio(Stats.median(ratios)) + ")",
                "[" + Stats.ms(Stats.median(oursCpu)) + " vs " + Stats.ms(Stats.median(rawCpu)) + "]",
                blocks + " × " + perBlock);
    }

    /** Mean CPU milliseconds per call over {@code n} calls, counting only the calls. */
    private static double block(Measured call, int n, java.util.function.Consumer<APIGatewayV2HTTPResponse> after) {
        long cpu = 0;
        for (int i = 0; i < n; i++) {
            long before = cpuOfAllThreads();
            APIGatewayV2HTTPResponse response = call.run();
            cpu += cpuOfAllThreads() - before;
            after.accept(check(response));
        }
        return cpu / 1e6 / n;
    }

    /**
     * CPU nanoseconds of every live Java thread (the caller, the service's fan-out pool, the SDK's), at nanosecond
     * resolution: the process total that the OS reports here moves in 10 ms steps. The JIT's and the GC's own threads
     * are not Java threads and are not counted, for either side.
     */
    private static long cpuOfAllThreads() {
        long total = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }

    private static APIGatewayV2HTTPResponse check(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response;
    }

    private static void deleteAdded(DynamoDbClient cleaner, String table, APIGatewayV2HTTPResponse response) {
        List<WriteRequest> deletes = new ArrayList<>();
        try {
            for (JsonNode m : JSON.readTree(response.getBody()).get("LoyaltyMemberships")) {
                deletes.add(WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder()
                                .key(Map.of(
                                        "PK",
                                        AttributeValue.fromS(
                                                "MEMBERSHIP#" + m.get("Id").asText()),
                                        "SK",
                                        AttributeValue.fromS("MEMBERSHIP")))
                                .build())
                        .build());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int from = 0; from < deletes.size(); from += 25) {
            List<WriteRequest> batch = deletes.subList(from, Math.min(deletes.size(), from + 25));
            cleaner.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
    }

    private static ObjectNode auth() {
        return JSON.createObjectNode()
                .put("ClientToken", DemoTokens.CLIENT_TOKEN)
                .put("AccessToken", DemoTokens.PORTFOLIO_ACCESS_TOKEN)
                .put("Client", "loyalty-bench");
    }

    private static ObjectNode getAllBody() {
        ObjectNode body = auth();
        body.putArray("ChainIds").add(CostScenarios.CHAIN.toString());
        body.putObject("Limitation").put("Count", 100);
        return body;
    }

    private static ObjectNode addBody(int n) {
        ObjectNode body = auth().put("ChainId", CostScenarios.CHAIN.toString());
        ArrayNode items = body.putArray("LoyaltyMemberships");
        for (int i = 0; i < n; i++) {
            items.addObject()
                    .put("AccountId", UUID.randomUUID().toString())
                    .put("LoyaltyProgramId", CostScenarios.PROGRAM.toString())
                    .put("IsPrimary", false)
                    .put("State", "Enrolled")
                    .put("MembershipNumber", "W-" + i)
                    .put("Points", i)
                    .put("ExpirationDate", "2029-12-24T00:00:00Z")
                    .put("Url", "https://rewards.example.com/member/W-" + i);
        }
        return body;
    }

    /** As API Gateway sends a JSON body: as text, not base64. */
    private static APIGatewayV2HTTPEvent event(String operation, ObjectNode body) {
        String path = Operation.BASE_PATH + operation;
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body.toString())
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath(path)
                                .build())
                        .build())
                .build();
    }
}
