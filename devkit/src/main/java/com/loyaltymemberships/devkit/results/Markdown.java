package com.loyaltymemberships.devkit.results;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a tool found (the bench, the load run), as Markdown: printed as it goes, and written to its results.md at the end. */
public final class Markdown {

    private final StringBuilder markdown = new StringBuilder();
    /** Standard output as it was when the report began: the bench sends the service's own log lines elsewhere. */
    private final PrintStream out = System.out;

    public void heading(String text) {
        add("\n## " + text + "\n");
    }

    public void paragraph(String text) {
        add(text + "\n");
    }

    public void table(List<String> header, List<List<String>> rows) {
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

    /** The report so far. */
    public String text() {
        return markdown.toString();
    }

    /**
     * Writes the report, a section of its own ({@code ## heading} ...), into {@code file} in place of the section of
     * that heading, or before the file's closing line ({@code The bench took ...}) when it has none; the rest stays.
     */
    public void replaceSection(Path file, String heading) {
        String old = read(file);
        writeFile(file, replaced(old, heading, markdown.toString().strip() + "\n\n"));
    }

    /**
     * Writes each {@code ## } section of the report into {@code file} in place of the section of that heading (or
     * before its closing line); the file's other sections and its head stay: a run of some sections updates only them.
     */
    public void replaceSections(Path file) {
        String text = read(file);
        String report = markdown.toString();
        int start = report.indexOf("\n## ");
        while (start >= 0) {
            int end = report.indexOf("\n## ", start + 1);
            String section = report.substring(start + 1, end < 0 ? report.length() : end + 1);
            String heading = section.substring(3, section.indexOf('\n'));
            text = replaced(text, heading, section.strip() + "\n\n");
            start = end;
        }
        writeFile(file, text);
    }

    private static String replaced(String old, String heading, String section) {
        String marker = "\n## " + heading + "\n";
        int start = old.indexOf(marker);
        if (start >= 0) {
            int end = old.indexOf("\n## ", start + marker.length());
            int closing = old.indexOf("\nThe bench took", start + marker.length());
            end = end < 0 ? closing : closing < 0 ? end : Math.min(end, closing);
            return old.substring(0, start + 1) + section + (end < 0 ? "" : old.substring(end + 1));
        }
        int closing = old.lastIndexOf("\nThe bench took");
        return closing < 0
                ? old + "\n" + section
                : old.substring(0, closing + 1) + section + old.substring(closing + 1);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the report to {@code file}, in place of what it held. */
    public void write(Path file) {
        writeFile(file, markdown.toString());
    }
}
