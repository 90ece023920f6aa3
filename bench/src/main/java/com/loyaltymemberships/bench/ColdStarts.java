package com.loyaltymemberships.bench;

import com.loyaltymemberships.devkit.lambda.FunctionJvm;
import com.loyaltymemberships.devkit.lambda.LambdaFunction;
import com.loyaltymemberships.devkit.lambda.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Cold starts as Lambda has them, without Docker: a fresh JVM with Lambda's flags under the Lambda runtime interface
 * client ({@link FunctionJvm}), timed from the JVM's launch to the end of its first response, on a real engine.
 *
 * <p>A baseline runs from a small jar of its own, with the bench's baseline handlers, whose manifest {@code Class-Path}
 * names the function's deployment jar (and any extra jars, such as another HTTP client's): the runtime's class
 * loader is a URLClassLoader over the task root's lib/*.jar, which follows Class-Path, so a baseline loads the SDK
 * from the very jar the function deploys. Variants run alternately, their order rotating each round, so that the
 * machine's drift hits each alike; each figure is the median of its runs.
 */
final class ColdStarts {

    /** Lambda's: the function's memory size and timeout as in template.yaml. */
    private static final int MEMORY_MB = 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(29);
    private static final String BASELINE_PACKAGE = "com/loyaltymemberships/bench/baseline/";
    private static final List<String> BASELINE_CLASSES = List.of(
            "BareHandler",
            "BareGetAll",
            "BareGetAllApache5",
            "BareGetAllCrt",
            "BareAdd",
            "BareStreamHandler",
            "BareGetAllStream",
            "BareAddStream",
            "ProfileGetAllJson",
            "ProfileGetAllAuth",
            "ProfileGetAllClient",
            "ProfileGetAllEnhanced",
            "BareChanges");

    /** One way to start: which jar the runtime gets in lib/, and which handler. */
    record Variant(String label, Path jar, String handler) {}

    private final Path workDirectory;
    private final Map<String, String> environment;

    /** @param environment the functions' variables (table, engine endpoint, rate limit) */
    ColdStarts(Path workDirectory, Map<String, String> environment) {
        this.workDirectory = workDirectory;
        this.environment = Map.copyOf(environment);
    }

    /**
     * A jar with the baseline handlers whose class path is {@code classPath} (the function's jar first), written once
     * under the work directory as {@code name}.
     */
    Path baselineJar(String name, List<Path> classPath) {
        Path jar = workDirectory.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(
                        Attributes.Name.CLASS_PATH,
                        classPath.stream()
                                .map(p -> p.toAbsolutePath().toUri().toString())
                                .collect(Collectors.joining(" ")));
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String simpleName : BASELINE_CLASSES) {
                String entry = BASELINE_PACKAGE + simpleName + ".class";
                try (InputStream in = ColdStarts.class.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IllegalStateException("No " + entry + " in the bench's class path");
                    }
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** An API function's answer: its response object with a 2xx status code. */
    static final Predicate<String> ANSWERED_2XX = payload -> payload.matches("(?s).*\"statusCode\"\\s*:\\s*20\\d.*");

    /** {@code runs} cold starts of each variant with {@code event}, alternating; milliseconds of each run, by label. */
    Map<String, List<Double>> alternate(
            List<Variant> variants, String event, int runs, Map<String, String> extraEnvironment) {
        return alternate(variants, event, runs, extraEnvironment, ANSWERED_2XX);
    }

    /** {@link #alternate}, each run checked by {@code answered} on the function's response payload. */
    Map<String, List<Double>> alternate(
            List<Variant> variants,
            String event,
            int runs,
            Map<String, String> extraEnvironment,
            Predicate<String> answered) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        variants.forEach(v -> times.put(v.label(), new ArrayList<>()));
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((i + round) % variants.size());
                times.get(variant.label()).add(once(variant, event, extraEnvironment, answered));
            }
        }
        return times;
    }

    /** One cold start: launch to the end of the first response, in milliseconds; fails unless it answered. */
    private double once(
            Variant variant, String event, Map<String, String> extraEnvironment, Predicate<String> answered) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(extraEnvironment);
        LambdaFunction function = new LambdaFunction(
                "bench-" + variant.label().replaceAll("[^A-Za-z0-9-]", "-"),
                variant.jar(),
                variant.handler(),
                MEMORY_MB,
                TIMEOUT,
                env);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        long started = System.nanoTime();
        Outcome outcome;
        try (FunctionJvm jvm = FunctionJvm.start(function, logs)) {
            outcome = jvm.invoke(event);
            double millis = (System.nanoTime() - started) / 1e6;
            if (!(outcome instanceof Outcome.Response response) || !answered.test(response.payload())) {
                throw new IllegalStateException(
                        variant.label() + " did not answer as it should: " + outcome + "\n" + logs);
            }
            return millis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
