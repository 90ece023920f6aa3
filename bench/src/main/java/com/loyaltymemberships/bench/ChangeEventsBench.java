package com.loyaltymemberships.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.lambda.FunctionJvm;
import com.loyaltymemberships.devkit.lambda.LambdaFunction;
import com.loyaltymemberships.devkit.lambda.Outcome;
import com.loyaltymemberships.devkit.results.Markdown;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Issue 15, item 6: the change events' consumer (functions/changes) against a bare consumer (bench/baseline/
 * BareChanges: decoded alike, one PutEvents per ten records, nothing else), alternating, on the engine's EventBridge:
 * the cold start (launch to the answer of a first batch of 100 added memberships) and the time of a warm batch of 100;
 * then what the stream, the consumer and the bus add per million membership writes, at published prices.
 */
final class ChangeEventsBench {

    static final String HEADING = "Change events: the consumer against a bare one, and the cost per million writes";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 100;
    private static final int WARM_BATCHES = 20;
    private static final Predicate<String> NO_FAILURE = payload -> payload.contains("\"batchItemFailures\":[]");
    // us-east-1, as read on 2026-12-07: EventBridge custom events $1.00 per million (each 64 KB of an entry is one);
    // Lambda arm64 $0.0000133334 per GB-second and $0.20 per million requests (PaperCost); DynamoDB Streams reads
    // made by a Lambda trigger are free, and so are records that an event filter drops.
    private static final double EVENT = 1.00e-6;

    private final DynamoDbEngine engine;
    private final Path root;
    private final Path work;
    private final Map<String, String> environment;

    ChangeEventsBench(DynamoDbEngine engine, Path root, Path work, Map<String, String> environment) {
        this.engine = engine;
        this.root = root;
        this.work = work;
        this.environment = environment;
    }

    void run(Markdown report, int runs) throws IOException {
        String bus = "bench-events-" + UUID.randomUUID();
        try (EventBridgeClient events =
                engine.engineClient(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(bus));
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("EVENT_BUS_NAME", bus);
        env.put("EVENTS_ENDPOINT", engine.endpoint().toString());
        String batch = batchOfAdds();
        Path jar = root.resolve("functions/changes/target/changes.jar");
        ColdStarts cold = new ColdStarts(work, env);
        Path baselineJar = cold.baselineJar("baseline-changes.jar", List.of(jar));
        List<ColdStarts.Variant> variants = List.of(
                new ColdStarts.Variant("ours", jar, "com.loyaltymemberships.functions.ChangesHandler::handleRequest"),
                new ColdStarts.Variant(
                        "bare", baselineJar, "com.loyaltymemberships.bench.baseline.BareChanges::handleRequest"));
        Map<String, List<Double>> coldTimes = cold.alternate(variants, batch, runs, Map.of(), NO_FAILURE);
        Map<String, List<Double>> warmTimes = warm(variants, env, batch);

        report.heading(HEADING);
        report.paragraph(
                "Ours (ChangesHandler) against a bare consumer of the same jar (BareChanges: the runtime decodes the"
                        + " stream event alike; it puts one event per record, ten per PutEvents, and nothing else), alternating, on"
                        + " the engine's EventBridge. A batch is " + BATCH
                        + " added memberships (events/stream/changes.json's"
                        + " record with new Ids). Cold: launch under the runtime interface client to the answer of the first"
                        + " batch, " + runs + " runs each, median. Warm: " + WARM_BATCHES
                        + " more batches in each JVM, median.");
        double coldOurs = Stats.median(coldTimes.get("ours"));
        double coldBare = Stats.median(coldTimes.get("bare"));
        double warmOurs = Stats.median(warmTimes.get("ours"));
        double warmBare = Stats.median(warmTimes.get("bare"));
        report.table(
                List.of("", "ours / bare", "[ours, bare]"),
                List.of(
                        List.of(
                                "cold start with a first batch of 100",
                                "**" + Stats.ratio(coldOurs / coldBare) + "**",
                                "[" + Stats.ms(coldOurs) + ", " + Stats.ms(coldBare) + "]"),
                        List.of(
                                "a warm batch of 100",
                                "**" + Stats.ratio(warmOurs / warmBare) + "**",
                                "[" + Stats.ms(warmOurs) + ", " + Stats.ms(warmBare) + "]")));
        paperCost(report, warmOurs);
    }

    /** Per million membership writes, at the measured warm batch time (1,024 MB, as template.yaml's Globals). */
    private static void paperCost(Markdown report, double warmBatchMillis) {
        double perBatch =
                warmBatchMillis / 1000 * PaperCost.LAMBDA_GB * PaperCost.LAMBDA_GB_SECOND + PaperCost.LAMBDA_REQUEST;
        // A write alone in its batch (a quiet table) costs an invocation of its own, at most a batch's time.
        double alone = perBatch;
        double full = perBatch / BATCH;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "EventBridge (custom events, $1.00 per million; an event is under 64 KB)",
                dollars(EVENT * 1e6),
                dollars(EVENT * 1e6)));
        rows.add(List.of(
                "Lambda: invocations and GB-seconds (batches of 100 when busy; one write per batch when quiet)",
                dollars(full * 1e6),
                dollars(alone * 1e6)));
        rows.add(List.of("DynamoDB Streams reads by the Lambda trigger, records filtered out", "$0", "$0"));
        rows.add(List.of(
                "**per million membership writes**",
                "**" + dollars((EVENT + full) * 1e6) + "**",
                "**" + dollars((EVENT + alone) * 1e6) + "**"));
        report.paragraph("\nWhat the events add, per million membership writes (us-east-1 prices read on 2026-12-07:"
                + " aws.amazon.com/eventbridge/pricing, aws.amazon.com/lambda/pricing, aws.amazon.com/dynamodb/pricing/on-demand"
                + " \"DynamoDB Streams\"). Writes themselves cost nothing more: the stream is free to enable, and the"
                + " RequestId each membership item now records (about 45 bytes) adds no write unit to a membership already"
                + " over 1 KB, and at most one to one just under it. Subscribers' rules and targets are priced by EventBridge"
                + " and their targets (SQS, an API destination at $0.20 per million).");
        report.table(
                List.of(
                        "",
                        "busy table (batches of 100)",
                        "quiet table (a write per batch, at a full batch's time: at most)"),
                rows);
    }

    private static String dollars(double amount) {
        return String.format(Locale.ROOT, "$%,.2f", amount);
    }

    /** Warm batches, alternating between one JVM of each variant; milliseconds of each, by label. */
    private Map<String, List<Double>> warm(List<ColdStarts.Variant> variants, Map<String, String> env, String batch)
            throws IOException {
        Map<String, FunctionJvm> jvms = new LinkedHashMap<>();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try {
            for (ColdStarts.Variant variant : variants) {
                FunctionJvm jvm = FunctionJvm.start(
                        new LambdaFunction(
                                "bench-warm-" + variant.label(),
                                variant.jar(),
                                variant.handler(),
                                1024,
                                Duration.ofSeconds(29),
                                env),
                        new ByteArrayOutputStream());
                jvms.put(variant.label(), jvm);
                times.put(variant.label(), new ArrayList<>());
                answered(variant.label(), jvm.invoke(batch));
            }
            for (int i = 0; i < WARM_BATCHES; i++) {
                for (Map.Entry<String, FunctionJvm> jvm : jvms.entrySet()) {
                    long started = System.nanoTime();
                    answered(jvm.getKey(), jvm.getValue().invoke(batch));
                    times.get(jvm.getKey()).add((System.nanoTime() - started) / 1e6);
                }
            }
        } finally {
            jvms.values().forEach(FunctionJvm::close);
        }
        return times;
    }

    private static void answered(String label, Outcome outcome) {
        if (!(outcome instanceof Outcome.Response response) || !NO_FAILURE.test(response.payload())) {
            throw new IllegalStateException(label + " did not take the batch: " + outcome);
        }
    }

    /** {@value #BATCH} INSERT records of memberships as the service stores them: the sample's add, with new Ids. */
    private String batchOfAdds() throws IOException {
        JsonNode sample =
                JSON.readTree(root.resolve("events/stream/changes.json").toFile());
        JsonNode add = sample.get("Records").get(0);
        String id = add.get("dynamodb").get("NewImage").get("Id").get("S").asText();
        BigInteger sequence =
                new BigInteger(add.get("dynamodb").get("SequenceNumber").asText());
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < BATCH; i++) {
            String record = add.toString()
                    .replace(id, UUID.randomUUID().toString())
                    .replace(
                            sequence.toString(),
                            sequence.add(BigInteger.valueOf(i)).toString());
            records.add(JSON.readTree(record));
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
