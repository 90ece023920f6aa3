package com.loyaltymemberships.bench;

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

/** When, on what machine and on which JVM a result was measured, as results.md states them. */
public final class Machine {

    private Machine() {}

    /** Now, in UTC to the second. */
    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .replaceAll("\\.\\d+", "");
    }

    /** Host, cores, CPU model and this JVM's maximum heap. */
    public static String description() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
            return InetAddress.getLocalHost().getHostName() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap for the bench; shared and noisy";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM and the flags it runs with. */
    public static String java() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; bench JVM flags: " + (flags.isEmpty() ? "none" : String.join(" ", flags));
    }
}
