package com.loyaltymemberships.devkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's run command in a process of its own, {@code java -jar local/target/loyalty-local.jar}, on a free port: it
 * starts its own engine unless {@code DYNAMODB_ENDPOINT} is given. For tests that speak to the service over real HTTP,
 * and the load run (soak/).
 */
public final class LocalServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final long STARTUP_SECONDS = 60;
    private static final String ENGINE = "DynamoDB: ";

    private final Process process;
    private final int port;
    private final List<String> output;
    /** The lines it printed up to where it listens, that one included. */
    private final int startup;

    private LocalServerProcess(Process process, int port, List<String> output, int startup) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.startup = startup;
    }

    /** The jar under {@code projectRoot}, as {@code mvn package} builds it. */
    public static Path jar(Path projectRoot) {
        return projectRoot.resolve("local").resolve("target").resolve("loyalty-local.jar");
    }

    /**
     * Starts the jar with these environment variables on top of this JVM's (less {@code DYNAMODB_ENDPOINT}, which a test
     * passes explicitly when it wants one) and returns once it says where it listens.
     */
    public static LocalServerProcess start(Path jar, Map<String, String> environment) throws IOException {
        return start(jar, environment, line -> true);
    }

    /**
     * {@link #start(Path, Map)}, keeping of what it prints once it listens only the lines {@code kept} takes (they are
     * read in order, on one thread): a long run's request log, one line per request, would fill the memory.
     */
    public static LocalServerProcess start(Path jar, Map<String, String> environment, Predicate<String> kept)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: `mvn package` builds it");
        }
        return start(List.of("-jar", jar.toString()), environment, kept);
    }

    /**
     * The same server run from this JVM's class path, {@code mainClass} its {@code Main} (tests: the classes just
     * compiled, no jar needed); as {@link #start(Path, Map, Predicate)} otherwise.
     */
    public static LocalServerProcess startFromClassPath(
            String mainClass, Map<String, String> environment, Predicate<String> kept) throws IOException {
        return start(List.of("-cp", System.getProperty("java.class.path"), mainClass), environment, kept);
    }

    private static LocalServerProcess start(
            List<String> arguments, Map<String, String> environment, Predicate<String> kept) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DYNAMODB_ENDPOINT");
        builder.environment().put("PORT", "0");
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        String line;
        while ((line = reader.readLine()) != null && System.nanoTime() < deadline) {
            output.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                int startup = output.size();
                // Keep reading, so that the server never blocks on a full pipe, and keep what it prints for the test.
                Thread drain =
                        new Thread(() -> reader.lines().filter(kept).forEach(output::add), "local-server-output");
                drain.setDaemon(true);
                drain.start();
                return new LocalServerProcess(process, Integer.parseInt(listening.group(1)), output, startup);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the local server did not print its address:\n" + String.join("\n", output));
    }

    public Process process() {
        return process;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What it printed so far (it goes on growing while the server runs). */
    public List<String> output() {
        return output;
    }

    /** What it printed (and was kept) since it said where it listens. */
    public List<String> outputSinceListening() {
        synchronized (output) {
            return List.copyOf(output.subList(startup, output.size()));
        }
    }

    /**
     * The engine it said it runs on, such as {@code moto_server 5.2.1 on http://127.0.0.1:41234 (serialized), table
     * load-…}.
     */
    public String engine() {
        synchronized (output) {
            return output.subList(0, startup).stream()
                    .filter(l -> l.startsWith(ENGINE))
                    .findFirst()
                    .map(l -> l.substring(ENGINE.length()))
                    .orElse("unknown engine");
        }
    }

    /** Ctrl-C, as a person stops it; true when it ended within 30 seconds. */
    public boolean stopWithCtrlC() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Makes sure it is gone, with the engine it started: Ctrl-C first (the server stops its moto_server then), and what
     * still runs after that is killed. A server already stopped is left as it is.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            if (process.isAlive() && !stopWithCtrlC()) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
