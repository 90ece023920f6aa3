package com.loyaltymemberships.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the bench found, as Markdown: printed as it goes, and written to results.md at the end. */
final class Report {

    private final StringBuilder markdown = new StringBuilder();
    /** Standard output as it was when the report began: the bench sends the service's own log lines elsewhere. */
    private final java.io.PrintStream out = System.out;

    void heading(String text) {
        add("\n## " + text + "\n");
    }

    void paragraph(String text) {
        add(text + "\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("| " + String.join(" | ", header) + " |");
        lines.add("|" + "---|".repeat(header.size()));
        rows.forEach(row -> lines.add("| " + String.join(" | ", row) + " |"));
        add(String.join("\n", lines) + "\n");
    }

    private void add(String text) {
        markdown.append(text).append('\n');
        out.println(text);
        out.flush();
    }

    void write(Path file) {
        try {
            Files.writeString(file, markdown.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
