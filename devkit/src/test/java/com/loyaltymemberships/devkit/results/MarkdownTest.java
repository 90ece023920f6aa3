package com.loyaltymemberships.devkit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownTest {

    private static final String RESULTS = String.join(
            "\n",
            "# Benchmark results",
            "",
            "- Date: then",
            "",
            "## Jars",
            "old jars",
            "",
            "## Cost",
            "old cost",
            "",
            "## Cold",
            "old cold",
            "",
            "The bench took 500 s.",
            "");

    @Test
    void aRunOfSomeSectionsReplacesOnlyThoseAndKeepsTheHeadAndTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.md");
        Files.writeString(file, RESULTS);
        Markdown report = new Markdown();
        report.paragraph("# Benchmark results\n\n- Date: now");
        report.heading("Cost");
        report.table(List.of("a"), List.of(List.of("new cost")));
        report.heading("Scale");
        report.paragraph("new scale");

        report.replaceSections(file);

        assertEquals(
                String.join(
                        "\n",
                        "# Benchmark results",
                        "",
                        "- Date: then",
                        "",
                        "## Jars",
                        "old jars",
                        "",
                        "## Cost",
                        "",
                        "| a |",
                        "|---|",
                        "| new cost |",
                        "",
                        "## Cold",
                        "old cold",
                        "",
                        "## Scale",
                        "",
                        "new scale",
                        "",
                        "The bench took 500 s.",
                        ""),
                Files.readString(file));
    }
}
