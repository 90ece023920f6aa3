package com.loyaltymemberships.bench;

import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.devkit.results.Machine;
import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.local.DemoMemberships;
import com.loyaltymemberships.local.LocalTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -jar bench/target/loyalty-bench.jar [--runs N] [--only cold,warm,http,cost,jars,scale,paper,events] [--before DIR]}, run in
 * the project's root after {@code mvn -B -pl bench -am package -DskipTests}: every figure is a ratio to a baseline
 * measured in the same run, alternating ours and the baseline; absolute times are shown in brackets as context only.
 * Prints the tables and writes bench/results.md; with {@code --only}, only the sections run are replaced in it. The load
 * run is not a benchmark: soak/ has it.
 */
public final class Bench {

    static final Set<String> SECTIONS = Set.of("cold", "warm", "http", "cost", "jars", "scale", "paper", "events");

    public static void main(String[] args) throws Exception {
        int runs = 10;
        Set<String> only = new HashSet<>(SECTIONS);
        Path before = null;
        Path output = Path.of("bench", "results.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = new HashSet<>(Arrays.asList(args[++i].split(",")));
                case "--before" -> before = Path.of(args[++i]);
                case "--output" -> output = Path.of(args[++i]);
                default -> {
                    System.err.println(
                            "Usage: java -jar bench/target/loyalty-bench.jar [--runs N (cold starts per variant, default 10)]"
                                    + " [--only cold,warm,http,cost,jars,scale,paper,events,profile (default: all but profile)] [--before DIR (before-get-all.jar,"
                                    + " before-add.jar)] [--output FILE]");
                    System.exit(2);
                }
            }
        }
        Set<String> unknown = new HashSet<>(only);
        unknown.removeAll(SECTIONS);
        unknown.remove("profile");
        if (!unknown.isEmpty()) {
            // Nothing measured would still rewrite results.md.
            System.err.println("No such section: " + String.join(", ", unknown)
                    + (unknown.contains("load")
                            ? " (the load run is soak/'s: java -jar soak/target/loyalty-soak.jar)"
                            : ""));
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            System.err.println("Run the bench in the project's root (where template.yaml is).");
            System.exit(2);
        }
        long started = System.nanoTime();
        Markdown report = new Markdown();
        // The service logs one JSON line per request on stdout: not in the bench's output.
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        try (DynamoDbEngine engine = DynamoDbEngine.start();
                DynamoDbClient dynamoDb = engine.newClient()) {
            report.paragraph("# Benchmark results\n\n" + context(engine, runs));
            String table = TableNames.unique("bench");
            LocalTable.prepare(dynamoDb, table);
            DemoMemberships.seed(dynamoDb, table);
            Path work = Files.createTempDirectory("loyalty-bench-");
            try {
                if (only.contains("jars")) {
                    JarSizes.run(root, report);
                }
                if (only.contains("cost")) {
                    new CostTable(engine, root).run(report);
                }
                if (only.contains("scale")) {
                    new ScaleModel(root).run(report);
                }
                if (only.contains("paper")) {
                    new PaperCost(engine).run(report);
                }
                if (only.contains("warm")) {
                    new WarmCpu(engine).run(report);
                }
                if (only.contains("http")) {
                    new HttpClients(engine, root, work, functionEnvironment(engine, table))
                            .run(report, Math.max(5, runs * 7 / 10));
                }
                if (only.contains("profile")) {
                    profile(root, work, functionEnvironment(engine, table), runs, report);
                }
                if (only.contains("cold")) {
                    coldStarts(root, work, functionEnvironment(engine, table), runs, before, report);
                }
                if (only.contains("events")) {
                    new ChangeEventsBench(engine, root, work, functionEnvironment(engine, table))
                            .run(report, Math.max(5, runs / 2));
                }
            } finally {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
        if (only.containsAll(SECTIONS)) {
            report.paragraph(
                    String.format(Locale.ROOT, "\nThe bench took %.0f s.", (System.nanoTime() - started) / 1e9));
            report.write(output);
        } else {
            // Some sections: only theirs change; the others, and the whole run's head and time, stay as measured.
            report.replaceSections(output);
        }
        System.setOut(stdout);
        System.out.println("Written to " + output);
    }

    /**
     * Where getAll's cold start goes beyond the bare handler: the bare handler plus one part of ours at a time (the
     * service's JSON work, its Enhanced Client and item schema, the request of overhead, its client configuration),
     * against the bare handler and ours, alternating, on the same class path.
     */
    private static void profile(Path root, Path work, Map<String, String> env, int runs, Markdown report)
            throws IOException {
        report.heading("Cold start profile of getAll: what each part of ours adds to the bare handler");
        report.paragraph(
                "Each variant is the bare getAll handler plus one part of ours, run from the same class path (the function's"
                        + " jar), alternating; the figure is its median over the bare handler's, and [the median difference in ms]. The parts"
                        + " are added to the typed bare handler (RequestHandler); ours, a stream handler, is compared with the bare stream handler.");
        ColdStarts cold = new ColdStarts(work, env);
        Path jar = root.resolve("functions/get-all/target/get-all.jar");
        Path baselineJar = cold.baselineJar("baseline-profile.jar", List.of(jar));
        String event = Files.readString(root.resolve("events/getAll.json"), StandardCharsets.UTF_8);
        String base = "com.loyaltymemberships.bench.baseline.";
        List<ColdStarts.Variant> variants = List.of(
                new ColdStarts.Variant("bare", baselineJar, base + "BareGetAll::handleRequest"),
                new ColdStarts.Variant("bare stream handler", baselineJar, base + "BareGetAllStream::handleRequest"),
                new ColdStarts.Variant(
                        "bare + JSON (JsonCodec: parse, bind GetAllRequest, write a page)",
                        baselineJar,
                        base + "ProfileGetAllJson::handleRequest"),
                new ColdStarts.Variant(
                        "bare + Enhanced Client (DynamoDbTables, BatchGetItem mapped by the schema)",
                        baselineJar,
                        base + "ProfileGetAllEnhanced::handleRequest"),
                new ColdStarts.Variant(
                        "bare + the request of overhead (UpdateItem)",
                        baselineJar,
                        base + "ProfileGetAllAuth::handleRequest"),
                new ColdStarts.Variant(
                        "bare on the service's client (DynamoDbClients: call and attempt timeouts)",
                        baselineJar,
                        base + "ProfileGetAllClient::handleRequest"),
                new ColdStarts.Variant(
                        "ours (GetAllHandler)", jar, "com.loyaltymemberships.functions.GetAllHandler::handleRequest"));
        Map<String, List<Double>> times = cold.alternate(variants, event, runs, Map.of());
        List<List<String>> rows = new ArrayList<>();
        for (ColdStarts.Variant v : variants) {
            boolean stream = v.label().startsWith("ours");
            double bare = Stats.median(times.get(stream ? "bare stream handler" : "bare"));
            double median = Stats.median(times.get(v.label()));
            rows.add(List.of(
                    v.label(),
                    Stats.ratio(median / bare),
                    "[" + String.format(Locale.ROOT, "%+.0f ms", median - bare) + "]"));
        }
        report.table(List.of("variant", "cold start / bare", "[difference of medians]"), rows);
    }

    /** The functions' variables as template.yaml sets them (its defaults), on the engine's table. */
    static Map<String, String> functionEnvironment(DynamoDbEngine engine, String table) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", table);
        env.put("RATE_LIMIT_REQUESTS", "200");
        env.put("RATE_LIMIT_WINDOW_SECONDS", "30");
        env.put(DynamoDbEngine.ENDPOINT_SETTING, engine.endpoint().toString());
        return env;
    }

    private static String context(DynamoDbEngine engine, int runs) {
        return String.join(
                "\n",
                "- Date: " + Machine.now(),
                "- Machine: " + Machine.description("bench"),
                "- Java: " + Machine.java("bench"),
                "- Engine: " + engine.description(),
                "- Every figure is a ratio to its baseline measured in the same run, alternating ours and the baseline;"
                        + " [absolute figures in brackets are context only: this machine is shared and noisy]. Cold starts: "
                        + runs + " runs per variant, median.");
    }

    private static void coldStarts(
            Path root, Path work, Map<String, String> env, int runs, Path before, Markdown report) throws IOException {
        report.heading("Cold start: ours vs a bare handler (target ≤ ×1.15)");
        report.paragraph(
                "A fresh JVM with Lambda's flags (-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC) under the"
                        + " AWS Lambda runtime interface client, launch to the end of the first response, the function's deployment jar and its"
                        + " events/ sample, on the engine above. Baselines: handlers of bench/ on the same class path (the function's jar) that"
                        + " build the same DynamoDB client, make one DynamoDB call equivalent to the operation's own (getAll: BatchGetItem of the"
                        + " sample's two Ids; add: TransactWriteItems putting one membership) and return a fixed response; one typed"
                        + " (RequestHandler of APIGatewayV2HTTPEvent, decoded by the runtime's serializer, as the aws-samples handlers are), one a"
                        + " stream handler that never decodes the event (the stricter: ours are stream handlers and decode it themselves).");
        ColdStarts cold = new ColdStarts(work, env);
        List<List<String>> rows = new ArrayList<>();
        for (String[] fn : List.of(
                new String[] {"getAll", "get-all", "GetAllHandler", "getAll.json", "BareGetAll"},
                new String[] {"add", "add", "AddHandler", "add.json", "BareAdd"})) {
            Path jar = root.resolve("functions/" + fn[1] + "/target/" + fn[1] + ".jar");
            String event = Files.readString(root.resolve("events/" + fn[3]), StandardCharsets.UTF_8);
            Path baselineJar = cold.baselineJar("baseline-" + fn[1] + ".jar", List.of(jar));
            List<ColdStarts.Variant> variants = new ArrayList<>();
            variants.add(new ColdStarts.Variant(
                    "ours", jar, "com.loyaltymemberships.functions." + fn[2] + "::handleRequest"));
            variants.add(new ColdStarts.Variant(
                    "typed", baselineJar, "com.loyaltymemberships.bench.baseline." + fn[4] + "::handleRequest"));
            variants.add(new ColdStarts.Variant(
                    "stream", baselineJar, "com.loyaltymemberships.bench.baseline." + fn[4] + "Stream::handleRequest"));
            Path beforeJar = before == null ? null : before.resolve("before-" + fn[1] + ".jar");
            if (beforeJar != null && Files.isRegularFile(beforeJar)) {
                variants.add(new ColdStarts.Variant(
                        "before", beforeJar, "com.loyaltymemberships.functions." + fn[2] + "::handleRequest"));
            }
            Map<String, String> extra = System.getenv("BENCH_FUNCTION_JAVA_TOOL_OPTIONS") == null
                    ? Map.of()
                    : Map.of(
                            "JAVA_TOOL_OPTIONS",
                            System.getenv("BENCH_FUNCTION_JAVA_TOOL_OPTIONS").replace("{fn}", fn[1]));
            Map<String, List<Double>> times = cold.alternate(variants, event, runs, extra);
            double typed = Stats.median(times.get("typed"));
            double stream = Stats.median(times.get("stream"));
            for (ColdStarts.Variant v : variants) {
                if (!v.label().equals("ours") && !v.label().equals("before")) {
                    continue;
                }
                double median = Stats.median(times.get(v.label()));
                rows.add(List.of(
                        fn[0] + (v.label().equals("ours") ? "" : " (before this session)"),
                        "**" + Stats.ratio(median / typed) + "** (per round ×" + perRound(times, v.label(), "typed")
                                + ")",
                        "**" + Stats.ratio(median / stream) + "** (per round ×" + perRound(times, v.label(), "stream")
                                + ")",
                        "[" + Stats.ms(median) + " vs " + Stats.ms(typed) + " / " + Stats.ms(stream) + "]",
                        Integer.toString(times.get(v.label()).size())));
            }
        }
        report.table(
                List.of(
                        "function",
                        "cold start / typed bare handler (median ratio)",
                        "cold start / bare stream handler",
                        "[ours vs typed / stream, medians]",
                        "runs each"),
                rows);
    }

    /** The median of the ratios of each round's runs of {@code label} and {@code baseline}. */
    private static String perRound(Map<String, List<Double>> times, String label, String baseline) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < times.get(label).size(); i++) {
            ratios.add(times.get(label).get(i) / times.get(baseline).get(i));
        }
        return String.format(Locale.ROOT, "%.2f", Stats.median(ratios));
    }
}
