package com.loyaltymemberships.bench;

import static com.loyaltymemberships.contract.ActivityState.ACTIVE;
import static com.loyaltymemberships.contract.MembershipState.ENROLLED;

import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The membership item schema on a fresh JVM with Lambda's flags: the time to build it (initializing
 * {@code MembershipTable}, once a small schema has loaded the Enhanced Client's mapper), to use it the first time (one
 * membership written to an item and read back) and the JVM's whole life, for two builds of the shared module,
 * alternating, {@code --runs} rounds each, medians; times as elapsed and as the CPU of the thread that builds, since
 * this machine is shared. Not part of the bench's default run: results.md says when it was run and what it found.
 *
 * <pre>
 * java -cp bench/target/classes:DEPENDENCIES com.loyaltymemberships.bench.SchemaColdStart \
 *     --before OLD-SHARED.jar --after NEW-SHARED.jar --classpath DEPENDENCIES [--runs 20]
 * </pre>
 *
 * DEPENDENCIES is the shared module's run-time class path, without the shared jar itself:
 * {@code mvn -pl shared dependency:build-classpath -Dmdep.outputFile=deps.txt -DincludeScope=runtime}. Each fresh JVM
 * runs {@code SchemaColdStart child}, which prints its times in nanoseconds.
 */
public final class SchemaColdStart {

    private static final List<String> LAMBDA_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private SchemaColdStart() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("child")) {
            child();
            return;
        }
        String before = null;
        String after = null;
        String classpath = null;
        int runs = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--before" -> before = args[++i];
                case "--after" -> after = args[++i];
                case "--classpath" -> classpath = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (before == null || after == null || classpath == null) {
            throw new IllegalArgumentException("--before JAR --after JAR --classpath DEPENDENCIES are required");
        }
        String self = SchemaColdStart.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        List<double[]> old = new ArrayList<>();
        List<double[]> now = new ArrayList<>();
        for (int round = 0; round < runs; round++) {
            // Alternating which goes first, so that neither always runs right after the other.
            if (round % 2 == 0) {
                old.add(run(self, before, classpath));
                now.add(run(self, after, classpath));
            } else {
                now.add(run(self, after, classpath));
                old.add(run(self, before, classpath));
            }
        }
        String[] measures = {
            "membership schema built",
            "membership schema built, CPU of its thread",
            "first write and read of an item",
            "first write and read of an item, CPU of its thread",
            "JVM launch to exit"
        };
        System.out.printf("%d fresh JVMs each (%s), alternating; medians%n", runs, String.join(" ", LAMBDA_FLAGS));
        for (int m = 0; m < measures.length; m++) {
            double b = Stats.median(column(old, m));
            double a = Stats.median(column(now, m));
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ratios.add(now.get(i)[m] / old.get(i)[m]);
            }
            System.out.printf(
                    "%s: after / before %s (median of per-round ratios %s) [%s vs %s]%n",
                    measures[m], Stats.ratio(a / b), Stats.ratio(Stats.median(ratios)), Stats.ms(a), Stats.ms(b));
        }
    }

    private static List<Double> column(List<double[]> rows, int m) {
        return rows.stream().map(r -> r[m]).toList();
    }

    /** One fresh JVM: its times (each as elapsed and as its thread's CPU) and its whole life, in milliseconds. */
    private static double[] run(String self, String sharedJar, String classpath) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(LAMBDA_FLAGS);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, self, sharedJar, classpath));
        command.add(SchemaColdStart.class.getName());
        command.add("child");
        long started = System.nanoTime();
        // Standard error (SLF4J's word that it has no provider) is not read: the child's times are on standard output.
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The child failed: " + String.join(" ", command) + "\n" + out);
        }
        double whole = (System.nanoTime() - started) / 1e6;
        String[] times = out.split(" ");
        double[] measures = new double[times.length + 1];
        for (int i = 0; i < times.length; i++) {
            measures[i] = Long.parseLong(times[i]) / 1e6;
        }
        measures[times.length] = whole;
        return measures;
    }

    /** What the warm-up schema maps: one attribute of each type the membership schema has. */
    private record Probe(String key, Boolean flag, Integer count, Long version) {}

    private static final class ProbeBuilder {
        private String key;
        private Boolean flag;
        private Integer count;
        private Long version;

        Probe build() {
            return new Probe(key, flag, count, version);
        }
    }

    /**
     * Loads the Enhanced Client's mapper, as a function has before it builds the membership schema (the access token's
     * schema comes first): what is timed then is the membership schema's own part.
     */
    private static void warmUp() {
        TableSchema<Probe> probe = StaticImmutableTableSchema.builder(Probe.class, ProbeBuilder.class)
                .newItemBuilder(ProbeBuilder::new, ProbeBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name("PK")
                                .getter(Probe::key)
                                .setter((b, v) -> b.key = v)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(
                        Boolean.class, a -> a.name("Flag").getter(Probe::flag).setter((b, v) -> b.flag = v))
                .addAttribute(
                        Integer.class, a -> a.name("Count").getter(Probe::count).setter((b, v) -> b.count = v))
                .addAttribute(
                        Long.class,
                        a -> a.name("Version").getter(Probe::version).setter((b, v) -> b.version = v))
                .build();
        Probe sample = new Probe("probe", true, 1, 2L);
        // And a stream, which any function has run before.
        List<String> keys =
                Stream.of(sample).filter(p -> p.flag()).map(Probe::key).toList();
        if (!probe.mapToItem(probe.itemToMap(sample, true)).equals(sample) || keys.size() != 1) {
            throw new IllegalStateException("The warm-up schema did not read back what it wrote");
        }
    }

    @SuppressWarnings("unchecked")
    private static void child() throws Exception {
        warmUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedCpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        Class<?> table = Class.forName(
                "com.loyaltymemberships.dynamodb.MembershipTable", true, SchemaColdStart.class.getClassLoader());
        long built = System.nanoTime();
        long builtCpu = threads.getCurrentThreadCpuTime();
        Field field = table.getDeclaredField("SCHEMA");
        field.setAccessible(true);
        TableSchema<Membership> schema = (TableSchema<Membership>) field.get(null);
        // Every field set, so that every attribute is written and read.
        UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
        Optional<String> text = Optional.of("sample");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Profile by = new Profile("Sample Client 1.0.0");
        Membership sample = new Membership(
                id,
                id,
                id,
                id,
                ENROLLED,
                true,
                text,
                text,
                Optional.of(1),
                Optional.of(at),
                text,
                Optional.of(id),
                by,
                by,
                at,
                at,
                ACTIVE,
                1,
                Optional.empty());
        long usedCpu = threads.getCurrentThreadCpuTime();
        long used = System.nanoTime();
        Map<String, AttributeValue> item = schema.itemToMap(sample, true);
        Membership back = schema.mapToItem(item);
        long done = System.nanoTime();
        long doneCpu = threads.getCurrentThreadCpuTime();
        if (!back.equals(sample)) {
            throw new IllegalStateException("Read back " + back + " for " + sample);
        }
        System.out.println(
                (built - started) + " " + (builtCpu - startedCpu) + " " + (done - used) + " " + (doneCpu - usedCpu));
    }
}
