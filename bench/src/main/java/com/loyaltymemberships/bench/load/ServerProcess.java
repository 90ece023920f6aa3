package com.loyaltymemberships.bench.load;

import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.local.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
 * The local server in a process of its own, as the README runs it: on a free port, without the rate limit (every
 * request of the load is one access token's), on a table of its own. Its engine is the one it starts itself, unless
 * the environment names one ({@code DYNAMODB_ENDPOINT}, {@code DYNAMODB_ENGINE}).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final int ERRORS_KEPT = 5;

    private final Process process;
    private final URI base;
    private final String engine;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    private ServerProcess(Process process, URI base, String engine) {
        this.process = process;
        this.base = base;
        this.engine = engine;
    }

    /** {@code java -jar jar}, as the README's "Run it locally" does. */
    public static ServerProcess jar(Path jar, Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build it with mvn -B -q -pl bench -am package -DskipTests");
        }
        return start(List.of(java(), "-jar", jar.toString()), environment);
    }

    /** The same server from this JVM's class path (tests: the classes just compiled, no jar needed). */
    public static ServerProcess classPath(Map<String, String> environment) {
        return start(List.of(java(), "-cp", System.getProperty("java.class.path"), Main.class.getName()), environment);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static ServerProcess start(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().put("RATE_LIMIT_REQUESTS", "0");
        builder.environment().put("TABLE_NAME", TableNames.unique("load"));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> before = new ArrayList<>();
        try {
            String line;
            while ((line = output.readLine()) != null) {
                before.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    String engine = before.stream()
                            .filter(l -> l.startsWith("DynamoDB: "))
                            .findFirst()
                            .map(l -> l.substring("DynamoDB: ".length()))
                            .orElse("unknown engine");
                    ServerProcess server = new ServerProcess(process, URI.create(listening.group(1)), engine);
                    server.drain(output);
                    return server;
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the local server ended without listening:\n" + String.join("\n", before));
    }

    /**
     * Reads the server's output to the end, so that it never blocks on a full pipe: one JSON line per request, of which
     * the errors are kept (a 5xx logs its cause), and anything that is not a request line.
     */
    private void drain(BufferedReader output) {
        Thread drain = new Thread(
                () -> {
                    try {
                        String line;
                        while ((line = output.readLine()) != null) {
                            boolean request = line.startsWith("{") && !line.contains("\"level\":\"ERROR\"");
                            if (!request && errors.size() < ERRORS_KEPT) {
                                errors.add(line);
                            }
                        }
                    } catch (IOException e) {
                        // The process ended.
                    }
                },
                "local-server-output");
        drain.setDaemon(true);
        drain.start();
    }

    public URI base() {
        return base;
    }

    /** The engine line it printed, such as {@code moto_server 5.2.1 on http://127.0.0.1:41234 (serialized), table load-…}. */
    public String engine() {
        return engine;
    }

    /** Its first few error log lines and other lines that are not request logs, if any. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** SIGTERM: its shutdown hook stops the engine it started. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
