package com.loyaltymemberships.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.testing.PingOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar sizes list every operation's jar, a new one too (docs/ADDING-AN-OPERATION.md). */
class JarSizesTest {

    @TempDir
    Path dir;

    @Test
    void listsTheJarOfEveryOperationAnAddedOneToo() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("functions/get-all/target"));
        Files.write(
                root.resolve("functions/get-all/target/get-all.jar"),
                new byte[] {0x50, 0x4b, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Markdown report = new Markdown();

        JarSizes.run(root, report, PingOperation.withPing(Operations.ALL));

        Path file = dir.resolve("results.md");
        report.write(file);
        String table = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(table.contains("| functions/get-all/target/get-all.jar | 0.00 MB (22 bytes) | 0 |"), table);
        for (String module : new String[] {"add", "update", "delete", "ping"}) {
            assertTrue(table.contains("| functions/" + module + "/target/" + module + ".jar | not built |  |"), table);
        }
    }
}
