package com.loyaltymemberships.bench;

import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

/** The size of each operation's deployment jar and how many entries it has. */
final class JarSizes {

    private JarSizes() {}

    static void run(Path root, Markdown report) throws IOException {
        run(root, report, Operations.ALL);
    }

    static void run(Path root, Markdown report, List<Operation<?, ?>> operations) throws IOException {
        report.heading("Deployment jars");
        List<List<String>> rows = new ArrayList<>();
        for (Operation<?, ?> operation : operations) {
            Path jar = root.resolve(operation.jar());
            if (!Files.isRegularFile(jar)) {
                rows.add(List.of(operation.jar(), "not built", ""));
                continue;
            }
            int entries;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                entries = zip.size();
            }
            rows.add(List.of(
                    operation.jar(),
                    String.format(Locale.ROOT, "%.2f MB (%,d bytes)", Files.size(jar) / 1e6, Files.size(jar)),
                    String.format(Locale.ROOT, "%,d", entries)));
        }
        report.table(List.of("jar", "size", "entries"), rows);
    }
}
