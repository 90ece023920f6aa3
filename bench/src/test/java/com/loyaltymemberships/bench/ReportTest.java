package com.loyaltymemberships.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.md holds the bench's sections and the load run's: each run rewrites its own and keeps the other. */
class ReportTest {

    private static final String BENCH =
            "# Benchmark results\n\n- Date: old\n\n\n## Cold start\n\nold cold\n\nThe bench took 1 s.\n";
    private static final String OLD_LOAD = "\n## Load run: old\n\nold load\n";

    @TempDir
    Path dir;

    @Test
    void aLoadRunReplacesOnlyItsOwnSection() throws IOException {
        Path file = dir.resolve("results.md");
        Files.writeString(file, BENCH + OLD_LOAD, StandardCharsets.UTF_8);
        Report load = new Report();
        load.heading("Load run: new");
        load.paragraph("new load");

        load.writeSection(file, "Load run");

        assertEquals(BENCH + "\n## Load run: new\n\nnew load\n\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void aLoadRunIsAppendedToAFileWithoutOne() throws IOException {
        Path file = dir.resolve("results.md");
        Files.writeString(file, BENCH, StandardCharsets.UTF_8);
        Report load = new Report();
        load.heading("Load run: new");

        load.writeSection(file, "Load run");

        assertEquals(BENCH + "\n## Load run: new\n\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void theBenchRewritesItsSectionsAndKeepsTheLoadRun() throws IOException {
        Path file = dir.resolve("results.md");
        Files.writeString(file, BENCH + OLD_LOAD, StandardCharsets.UTF_8);
        Report bench = new Report();
        bench.paragraph("# Benchmark results");
        bench.heading("Cold start");
        bench.paragraph("new cold");

        bench.write(file, List.of("Load run"));

        assertEquals(
                "# Benchmark results\n\n\n## Cold start\n\nnew cold\n\n" + OLD_LOAD,
                Files.readString(file, StandardCharsets.UTF_8));
    }
}
