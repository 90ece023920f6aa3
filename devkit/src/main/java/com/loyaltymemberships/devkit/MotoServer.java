package com.loyaltymemberships.devkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * moto's server in a process on a free loopback port, which never outlives the JVM. It runs through
 * {@value #LAUNCHER}, which lets one request at a time into moto: DynamoDB isolates transactions and conditional
 * writes, moto_server does not (the script says how that shows).
 */
final class MotoServer {
    private static final String LAUNCHER = "moto_serialized.py";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final URI endpoint;
    private final String version;
    private final Thread shutdownHook;

    private MotoServer(Process process, Thread shutdownHook, URI endpoint, String version) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.endpoint = endpoint;
        this.version = version;
    }

    /**
     * The Python that has moto's server: when moto_server is on PATH, the one that runs it (see
     * {@link #interpreter}), else python3 from PATH when it imports {@code moto.server}; empty when neither.
     */
    static Optional<String> python(UnaryOperator<String> settings) {
        Optional<String> python3 = onPath("python3", settings).map(Path::toString);
        Optional<Path> script = onPath("moto_server", settings);
        if (script.isPresent()) {
            return Optional.of(interpreter(script.get()).orElse(python3.orElse("python3")));
        }
        return python3.filter(
                python -> output(List.of(python, "-c", "import moto.server")).isPresent());
    }

    /**
     * Starts {@code python moto_serialized.py -H 127.0.0.1 -p <free port>} and returns once it answers {@code GET /}
     * with 200. The script says clearly when that Python cannot import moto.
     */
    static MotoServer start(String python) {
        int port = freePort();
        Path log = createTempFile("moto_server-", ".log");
        List<String> commandLine =
                List.of(python, launcher().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port));
        Process process;
        try {
            process = new ProcessBuilder(commandLine)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new EngineUnavailableException(
                    "Could not run " + String.join(" ", commandLine) + ": " + e.getMessage(), e);
        }
        Thread shutdownHook = new Thread(() -> kill(process), "moto_server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // Asked while the server boots; moto's own server has no version flag or endpoint.
        String version = motoVersion(python).orElse(null);
        MotoServer server = new MotoServer(process, shutdownHook, URI.create("http://127.0.0.1:" + port), version);
        try {
            server.awaitReady(log);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * For example {@code moto_server 5.2.1 on http://127.0.0.1:41234 (serialized)}. "(serialized)" comes last: the
     * acceptance suite finds moto's port in the local server's output by the text before it.
     */
    String description() {
        return "moto_server" + (version == null ? "" : " " + version) + " on " + endpoint + " (serialized)";
    }

    /** Stops the process and its descendants and waits until they are gone. */
    void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is about to run and kill the process anyway.
        }
        kill(process);
    }

    private static void kill(Process process) {
        // Descendants are collected first: once the parent is gone they are re-parented and no longer found.
        List<ProcessHandle> processes = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        processes.forEach(ProcessHandle::destroy);
        if (!awaitExit(processes)) {
            processes.forEach(ProcessHandle::destroyForcibly);
            awaitExit(processes);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EngineUnavailableException("moto_server exited with code " + process.exitValue()
                        + " before answering on " + endpoint + "; its output:\n" + read(log));
            }
            // Alive after answering too: if the port was taken meanwhile, the answer came from someone else's server.
            if (answers200() && process.isAlive()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineUnavailableException("Interrupted while waiting for moto_server on " + endpoint, e);
            }
        }
        throw new EngineUnavailableException("moto_server did not answer GET " + endpoint + "/ within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + read(log));
    }

    private boolean answers200() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYetListening) {
            return false;
        }
    }

    private static Optional<String> motoVersion(String python) {
        return output(List.of(python, "-c", "import importlib.metadata as m; print(m.version('moto'))"));
    }

    /**
     * The Python named by moto_server's shebang when it names one (a virtualenv or pipx install); empty otherwise,
     * as for a pyenv shim, whose shebang is a shell.
     */
    private static Optional<String> interpreter(Path motoServer) {
        try (BufferedReader script = Files.newBufferedReader(motoServer, StandardCharsets.ISO_8859_1)) {
            String firstLine = script.readLine();
            if (firstLine != null
                    && firstLine.startsWith("#!")
                    && firstLine.contains("python")
                    && !firstLine.contains(" ")) {
                return Optional.of(firstLine.substring(2).trim());
            }
        } catch (IOException unreadable) {
            // Unreadable: the caller falls back to python3.
        }
        return Optional.empty();
    }

    /** The trimmed standard output of a short command that exits 0 within 10 s, else empty. */
    private static Optional<String> output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String executable, UnaryOperator<String> settings) {
        String path = settings.apply("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** {@value #LAUNCHER} copied out of the classpath (a jar, for the local server), so that Python can run it. */
    private static Path launcher() {
        Path copy = createTempFile("moto_serialized-", ".py");
        try (InputStream script = MotoServer.class.getResourceAsStream(LAUNCHER)) {
            Files.copy(
                    Objects.requireNonNull(script, LAUNCHER + " is missing from the classpath"),
                    copy,
                    StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + LAUNCHER + " to " + copy, e);
        }
    }

    /** moto's log and launcher are temp files, kept while the JVM runs so a developer can read them. */
    private static Path createTempFile(String prefix, String suffix) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temp file for moto_server", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }
}
