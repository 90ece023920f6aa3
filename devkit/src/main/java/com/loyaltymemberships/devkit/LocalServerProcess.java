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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's run command in a process of its own, {@code java -jar local/target/loyalty-local.jar}, on a free port: it
 * starts its own engine unless {@code DYNAMODB_ENDPOINT} is given. For tests that speak to the service over real HTTP.
 */
public final class LocalServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final long STARTUP_SECONDS = 60;

    private final Process process;
    private final int port;
    private final List<String> output;

    private LocalServerProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
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
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: `mvn package` builds it");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true);
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
                // Keep reading, so that the server never blocks on a full pipe, and keep what it prints for the test.
                Thread drain = new Thread(() -> reader.lines().forEach(output::add), "local-server-output");
                drain.setDaemon(true);
                drain.start();
                return new LocalServerProcess(process, Integer.parseInt(listening.group(1)), output);
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
