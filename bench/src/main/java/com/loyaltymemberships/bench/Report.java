package com.loyaltymemberships.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the bench found, as Markdown: printed as it goes, and written to results.md at the end. */
public final class Report {

    private final StringBuilder markdown = new StringBuilder();
    /** Standard output as it was when the report began: the bench sends the service's own log lines elsewhere. */
    private final java.io.PrintStream out = System.out;

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

    /**
     * Writes the report to {@code file}, followed by the sections of the file as it was whose headings start with one of
     * {@code kept} and that this report does not have: results of a section not in this run that say themselves
     * when and where they were measured (the load run).
     */
    void write(Path file, List<String> kept) {
        StringBuilder text = new StringBuilder(markdown);
        for (String heading : kept) {
            if (section(markdown.toString(), heading).isEmpty()) {
                text.append(section(read(file), heading));
            }
        }
        writeFile(file, text.toString());
    }

    /**
     * Writes this report, a single section whose heading starts with {@code heading}, into {@code file} in place of the
     * section whose heading starts so, or at the end; the rest of the file stays as it was.
     */
    public void writeSection(Path file, String heading) {
        String section = markdown.toString();
        if (!section.startsWith("\n## " + heading)) {
            throw new IllegalStateException("this report is not a section headed " + heading);
        }
        String existing = read(file);
        String old = section(existing, heading);
        writeFile(file, old.isEmpty() ? existing + section : existing.replace(old, section));
    }

    /** From the line "## {heading}..." to the next "## " line or the end; empty if there is none. */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n## " + heading);
        if (start < 0) {
            return "";
        }
        int end = markdown.indexOf("\n## ", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
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
}
