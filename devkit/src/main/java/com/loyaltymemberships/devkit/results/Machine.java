package com.loyaltymemberships.devkit.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * When, on what machine and on which JVM a result was measured, as a results.md states them (the bench's, the load
 * run's).
 */
public final class Machine {

    private Machine() {}

    /** Now, in UTC to the second. */
    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .replaceAll("\\.\\d+", "");
    }

    /** Host, cores, CPU model and this JVM's maximum heap, that of {@code tool} (such as {@code bench}). */
    public static String description(String tool) {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
            return InetAddress.getLocalHost().getHostName() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap for the " + tool + "; shared and noisy";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM and the flags it runs {@code tool} with. */
    public static String java(String tool) {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "; " + tool
                + " JVM flags: " + (flags.isEmpty() ? "none" : String.join(" ", flags));
    }
}
