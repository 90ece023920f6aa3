package com.loyaltymemberships.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

/** The size of each function's deployment jar and how many entries it has. */
final class JarSizes {

    static final List<String> FUNCTIONS = List.of("get-all", "add", "update", "delete");

    private JarSizes() {}

    static void run(Path root, Report report) throws IOException {
        report.heading("Deployment jars");
        List<List<String>> rows = new ArrayList<>();
        for (String function : FUNCTIONS) {
            Path jar = root.resolve("functions/" + function + "/target/" + function + ".jar");
            if (!Files.isRegularFile(jar)) {
                rows.add(List.of(function, "not built", ""));
                continue;
            }
            int entries;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                entries = zip.size();
            }
            rows.add(List.of(
                    "functions/" + function + "/target/" + function + ".jar",
                    String.format(Locale.ROOT, "%.2f MB (%,d bytes)", Files.size(jar) / 1e6, Files.size(jar)),
                    String.format(Locale.ROOT, "%,d", entries)));
        }
        report.table(List.of("jar", "size", "entries"), rows);
    }
}
