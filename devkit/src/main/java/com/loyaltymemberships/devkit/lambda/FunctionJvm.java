package com.loyaltymemberships.devkit.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One execution environment of a function, without Docker: a fresh JVM that runs the function's deployment jar
 * under the AWS Lambda runtime interface client (the runtime of Lambda's Java images), which serves invocations
 * from a {@link LambdaRuntimeEmulator} of its own. For a cold start, time {@link #start} to the end of the
 * first {@link #invoke}.
 *
 * <pre>{@code
 * try (FunctionJvm jvm = FunctionJvm.start(function, System.err)) {
 *     Outcome outcome = jvm.invoke(eventJson);
 * }
 * }</pre>
 */
public final class FunctionJvm implements AutoCloseable {

    /**
     * C1 only, as Lambda's Java runtimes configure by default to start fast; serial GC, as the JVM chooses itself on
     * a machine of less than two CPUs and 2 GB such as a Lambda environment.
     */
    private static final List<String> JVM_OPTIONS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Lambda's limit for a function's initialisation, which comes before the invocation's own timeout. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close()} lets the runtime finish an invocation it has answered. */
    private static final Duration LAST_LOGS_TIMEOUT = Duration.ofSeconds(2);

    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where the runtime client loads its native library from instead of unpacking its own copy (see RuntimeLibraries). */
    private static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static final String DEFAULT_REGION = "us-east-1";

    private final LambdaFunction function;
    private final LambdaRuntimeEmulator runtime;
    private final TaskRoot taskRoot;
    private final Process process;
    private final Thread logPump;
    private final Thread shutdownHook;

    private FunctionJvm(
            LambdaFunction function,
            LambdaRuntimeEmulator runtime,
            TaskRoot taskRoot,
            Process process,
            OutputStream logs) {
        this.function = function;
        this.runtime = runtime;
        this.taskRoot = taskRoot;
        this.process = process;
        this.logPump = new Thread(() -> pump(process.getInputStream(), logs), function.name() + "-logs");
        logPump.setDaemon(true);
        logPump.start();
        this.shutdownHook = new Thread(process::destroyForcibly, function.name() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the function's JVM; what it prints (its stdout and stderr, the function's logs) goes to {@code logs}.
     *
     * @throws UnsupportedOperationException on a platform the runtime interface client does not run on
     */
    public static FunctionJvm start(LambdaFunction function, OutputStream logs) throws IOException {
        RuntimeLibraries libraries = RuntimeLibraries.get();
        String region = function.environment().getOrDefault("AWS_REGION", DEFAULT_REGION);
        LambdaRuntimeEmulator runtime =
                LambdaRuntimeEmulator.start("arn:aws:lambda:" + region + ":123456789012:function:" + function.name());
        TaskRoot taskRoot = null;
        try {
            taskRoot = TaskRoot.of(function.jar());
            ProcessBuilder builder = new ProcessBuilder(command(function, libraries))
                    .directory(taskRoot.directory().toFile())
                    .redirectErrorStream(true);
            // Only what Lambda gives a function: nothing of this machine's environment leaks in.
            builder.environment().clear();
            builder.environment().putAll(environment(function, region, runtime.address(), taskRoot, libraries));
            return new FunctionJvm(function, runtime, taskRoot, builder.start(), logs);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            if (taskRoot != null) {
                taskRoot.delete();
            }
            throw e;
        }
    }

    private static List<String> command(LambdaFunction function, RuntimeLibraries libraries) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + libraries.nativeLibrary());
        command.add("-cp");
        command.add(libraries.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(RUNTIME_MAIN);
        command.add(function.handler());
        return command;
    }

    private static Map<String, String> environment(
            LambdaFunction function, String region, String runtimeApi, TaskRoot taskRoot, RuntimeLibraries libraries) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.putAll(function.environment());
        // Reserved: Lambda sets these itself, whatever the function's configuration says.
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "$LATEST");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.directory().toString());
        environment.put("LAMBDA_RUNTIME_DIR", libraries.directory().toString());
        return environment;
    }

    /**
     * Sends one event and waits for its outcome: at most {@link #INIT_TIMEOUT} plus the function's timeout, less if
     * the JVM exits first.
     */
    public Outcome invoke(String event) {
        Duration limit = INIT_TIMEOUT.plus(function.timeout());
        CompletableFuture<Outcome> outcome = runtime.submit(event, function.timeout())
                .completeOnTimeout(
                        new Outcome.NoAnswer("no answer within " + limit.toSeconds() + " s (" + INIT_TIMEOUT.toSeconds()
                                + " s to initialise, then the function's timeout)"),
                        limit.toMillis(),
                        TimeUnit.MILLISECONDS);
        // Completes nothing if the runtime reported first, as it does before exiting on an error.
        process.onExit()
                .thenRun(() -> outcome.complete(new Outcome.NoAnswer(
                        "the function's JVM exited with status " + process.exitValue() + " before it answered")));
        return outcome.join();
    }

    /**
     * Kills the JVM (Lambda does not stop an environment gently either) once the runtime is done with the last
     * invocation (it logs a failure after reporting it), and cleans up.
     */
    @Override
    public void close() {
        try {
            long deadline = System.nanoTime() + LAST_LOGS_TIMEOUT.toNanos();
            while (process.isAlive() && !runtime.idle() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        process.onExit().join();
        try {
            logPump.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running and kills the process anyway.
        }
        runtime.close();
        taskRoot.delete();
    }

    private static void pump(InputStream from, OutputStream to) {
        try (from) {
            from.transferTo(to);
            to.flush();
        } catch (IOException processGone) {
            // Its output ends with it.
        }
    }

    /**
     * {@code LAMBDA_TASK_ROOT}, the working directory of the runtime, whose class loader for the function reads the
     * task root and the jars in its lib/ (as of a zip package): the deployment jar is linked there, not copied.
     */
    private record TaskRoot(Path directory) {

        static TaskRoot of(Path jar) throws IOException {
            Path directory = Files.createTempDirectory("lambda-task-");
            Path lib = Files.createDirectory(directory.resolve("lib"));
            Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar.toAbsolutePath());
            return new TaskRoot(directory);
        }

        void delete() {
            try (var files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete " + directory, e);
            }
        }
    }
}
