package com.loyaltymemberships.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A token a command is given, and the two ways to give it. Never as an argument: arguments stay in shell
 * history and anyone on the machine can read them in the process list.
 */
enum Secret {
    CLIENT_TOKEN("--client-token", "client token"),
    TOKEN("--token", "token");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The option that took the token as its value in earlier versions; refused now, with the way to give it. */
    final String retired;

    final String stdin;
    final String env;
    final String what;

    Secret(String retired, String what) {
        this.retired = retired;
        this.stdin = retired + "-stdin";
        this.env = retired + "-env";
        this.what = what;
    }

    String howToGive() {
        return "on stdin with " + stdin + ", or in an environment variable with " + env + " NAME";
    }

    /**
     * The source that the options {@link #stdin} ({@code fromStdin}) and {@link #env} ({@code variable}, null
     * when not given) name, if any; checked, not read.
     */
    Optional<Source> source(boolean fromStdin, String variable) {
        if (fromStdin && variable != null) {
            throw new UsageException("Give " + stdin + " or " + env + ", not both.");
        }
        // The name is not echoed: it may be the token itself, written as "$LOYALTY_TOKEN" where LOYALTY_TOKEN was
        // meant.
        if (variable != null && !VARIABLE_NAME.matcher(variable).matches()) {
            throw new UsageException(
                    env + " takes the name of an environment variable, such as LOYALTY_TOKEN (no $), not a value.");
        }
        return fromStdin || variable != null
                ? Optional.of(new Source(this, Optional.ofNullable(variable)))
                : Optional.empty();
    }

    /**
     * Where a command reads its token: the first line of stdin, or the environment variable named. A command
     * reads it last, once every argument is known to be good, so that a bad argument is reported at once
     * instead of after waiting for stdin.
     */
    record Source(Secret secret, Optional<String> variable) {

        /** The token, stripped of surrounding spaces; an empty one is refused, naming where it was looked for. */
        String read(AdminCli.Inputs inputs) {
            String value = variable.isPresent() ? inputs.env().get(variable.get()) : readLine(inputs.stdin());
            if (value == null || value.isBlank()) {
                throw new UsageException(
                        variable.isPresent()
                                ? "The environment variable " + variable.get() + " (" + secret.env + ") is "
                                        + (value == null ? "not set: export it first." : "empty.")
                                : secret.stdin + " found no " + secret.what + " on stdin: "
                                        + (value == null ? "it is empty." : "the first line is blank."));
            }
            return value.strip();
        }

        private String readLine(InputStream stdin) {
            try {
                return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UsageException(secret.stdin + " could not read stdin: " + e.getMessage());
            }
        }
    }
}
