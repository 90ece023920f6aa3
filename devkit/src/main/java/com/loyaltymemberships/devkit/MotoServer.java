package com.loyaltymemberships.devkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
/** A moto_server process on a free loopback port, which never outlives the JVM. */
final class MotoServer {
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
     * The command that runs moto's server: moto_server from PATH, else {@code python3 -m moto.server} when that
     * module imports; empty when neither works.
     */
    static Optional<List<String>> command(UnaryOperator<String> settings) {
        Optional<Path> script = onPath("moto_server", settings);
        if (script.isPresent()) {
            return Optional.of(List.of(script.get().toString()));
        }
        return onPath("python3", settings)
                .filter(python -> output(List.of(python.toString(), "-c", "import moto.server")).isPresent())
                .map(python -> List.of(python.toString(), "-m", "moto.server"));
    }

    /** Starts {@code command -H 127.0.0.1 -p <free port>} and returns once it answers {@code GET /} with 200. */
    static MotoServer start(List<String> command) {
        int port = freePort();
        Path log = createLog();
        List<String> commandLine = new ArrayList<>(command);
        commandLine.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        Process process;
        try {
            process = new ProcessBuilder(commandLine).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new EngineUnavailableException("Could not run " + String.join(" ", commandLine) + ": " + e.getMessage(), e);
        }
        Thread shutdownHook = new Thread(() -> kill(process), "moto_server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // Asked while the server boots; moto's own server has no version flag or endpoint.
        String version = motoVersion(command).orElse(null);
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

    /** For example {@code moto_server 5.2.1 on http://127.0.0.1:41234}. */
    String description() {
        return "moto_server" + (version == null ? "" : " " + version) + " on " + endpoint;
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
        List<ProcessHandle> processes = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
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
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
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

    private static Optional<String> motoVersion(List<String> command) {
        return output(List.of(interpreter(command), "-c", "import importlib.metadata as m; print(m.version('moto'))"));
    }

    /**
     * The Python that runs moto: the one named by moto_server's shebang when it names one (a virtualenv or pipx
     * install), else python3 (a pyenv shim's shebang is a shell).
     */
    private static String interpreter(List<String> command) {
        if (command.size() > 1) {
            return command.get(0);
        }
        try (BufferedReader script = Files.newBufferedReader(Path.of(command.get(0)), StandardCharsets.ISO_8859_1)) {
            String firstLine = script.readLine();
            if (firstLine != null && firstLine.startsWith("#!") && firstLine.contains("python") && !firstLine.contains(" ")) {
                return firstLine.substring(2).trim();
            }
        } catch (IOException unreadable) {
            // Unreadable: fall back to python3.
        }
        return "python3";
    }

    /** The trimmed standard output of a short command that exits 0 within 10 s, else empty. */
    private static Optional<String> output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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

    /** moto's output goes to a temp file, kept while the JVM runs so a developer can read it. */
    private static Path createLog() {
        try {
            Path log = Files.createTempFile("moto_server-", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a log file for moto_server", e);
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
