package com.loyaltymemberships.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of the command line with its output captured. */
record CliRun(int status, String out, String err) {

    /** With {@code env} as the whole environment, so the defaults are the test's and not the machine's; stdin is empty. */
    static CliRun run(Map<String, String> env, String... args) {
        return runWithStdin("", env, args);
    }

    /** {@link #run(Map, String...)} with {@code stdin} as what is piped in. */
    static CliRun runWithStdin(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AdminCli.Inputs inputs =
                new AdminCli.Inputs(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = AdminCli.run(args, inputs, outStream, errStream);
            return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    CliRun assertStatus(int expected) {
        assertEquals(expected, status, () -> "exit status; stdout:\n" + out + "\nstderr:\n" + err);
        return this;
    }

    /** The value of the output line {@code label: value}. */
    String line(String label) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(label) + ": (.+)$", Pattern.MULTILINE)
                .matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no '" + label + ":' line in:\n" + out);
        }
        return matcher.group(1);
    }
}
