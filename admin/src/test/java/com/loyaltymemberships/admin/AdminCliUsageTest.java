package com.loyaltymemberships.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arguments are checked before any DynamoDB call: these runs have no engine and no endpoint, so a bad
 * argument that slipped through would fail with status 1 (no AWS credentials or table), not 2.
 */
class AdminCliUsageTest {

    private static final String CHAIN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static final String SECRET = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";
    private static final String REVOKE_NEEDS =
            "revoke needs either --hash PREFIX, or the token on stdin with --token-stdin,"
                    + " or in an environment variable with --token-env NAME.";
    private static final String NOT_ARGUMENTS =
            "tokens are not taken as arguments, which stay in shell history and show in the process list (ps). ";

    /** Each command's own help: {@link AdminCliHelpTest}. */
    @Test
    void helpAndNoArgumentsPrintTheUsage() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}, {"tokens", "--help"}, {"users", "-h"}}) {
            CliRun run = CliRun.run(Map.of(), args).assertStatus(0);
            assertEquals(AdminCli.USAGE, run.out());
            assertEquals("", run.err());
        }
        assertTrue(AdminCli.USAGE.startsWith("Usage: java -jar loyalty-admin.jar tokens <command> [options]"));
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(new String[] {"tokens"}, "A command is required after 'tokens'."),
                Arguments.of(new String[] {"users", "list"}, "Unknown command group 'users'"),
                Arguments.of(new String[] {"tokens", "delete"}, "Unknown command 'delete'"),
                Arguments.of(new String[] {"tokens", "list", "--verbose"}, "Unknown option --verbose for list."),
                Arguments.of(
                        new String[] {"tokens", "list", "--create-table"}, "Unknown option --create-table for list."),
                Arguments.of(
                        new String[] {"tokens", "create", "--chain", CHAIN},
                        "create needs the client token the access token is for,"
                                + " on stdin with --client-token-stdin, or in an environment variable with --client-token-env NAME."),
                // stdin is empty here: a bad argument is reported before the token is read.
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token-stdin"},
                        "create needs at least one --chain."),
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token-stdin", "--chain", "not-a-guid"},
                        "--chain takes a chain Id, a GUID"),
                Arguments.of(
                        new String[] {
                            "tokens", "create", "--client-token-stdin", "--chain", CHAIN, "--chain", CHAIN.toUpperCase()
                        },
                        "--chain " + CHAIN + " is given twice."),
                Arguments.of(
                        new String[] {
                            "tokens", "create", "--client-token-stdin", "--client-token-env", "T", "--chain", CHAIN
                        },
                        "Give --client-token-stdin or --client-token-env, not both."),
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token-stdin", "--chain", CHAIN},
                        "--client-token-stdin found no client token on stdin: it is empty."),
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token-env", "LOYALTY_CLIENT_TOKEN", "--chain", CHAIN
                        },
                        "The environment variable LOYALTY_CLIENT_TOKEN (--client-token-env) is not set: export it first."),
                Arguments.of(
                        new String[] {"tokens", "revoke", "--token-stdin", "--token-stdin"},
                        "--token-stdin is given twice."),
                Arguments.of(new String[] {"tokens", "revoke", "--token-env"}, "--token-env needs a value."),
                Arguments.of(new String[] {"tokens", "create-client", "--name"}, "--name needs a value."),
                Arguments.of(
                        new String[] {"tokens", "create-client", "--name", "--create-table"}, "--name needs a value."),
                Arguments.of(
                        new String[] {"tokens", "create-client", "--create-table", "--create-table"},
                        "--create-table is given twice."),
                Arguments.of(
                        new String[] {"tokens", "list", "--kind", "both"}, "--kind is client or access, not 'both'."),
                Arguments.of(
                        new String[] {"tokens", "list", "--kind", "client", "--chain", CHAIN},
                        "--chain selects access tokens; client tokens cover no chain."),
                Arguments.of(
                        new String[] {"tokens", "list", "--prefix", "xyz"},
                        "--prefix takes the start of a token's hash"),
                Arguments.of(new String[] {"tokens", "revoke"}, REVOKE_NEEDS),
                Arguments.of(new String[] {"tokens", "revoke", "--hash", "ab", "--token-stdin"}, REVOKE_NEEDS),
                Arguments.of(
                        new String[] {"tokens", "create-client", "--client-token-stdin"},
                        "Unknown option --client-token-stdin for create-client."),
                Arguments.of(new String[] {"tokens", "list", "--table", "a"}, "--table must be a DynamoDB table name"),
                Arguments.of(
                        new String[] {"tokens", "list", "--table", "One", "--table", "Two"}, "--table is given twice."),
                Arguments.of(new String[] {"tokens", "list", "--region", "EU West"}, "--region must be an AWS region"),
                Arguments.of(
                        new String[] {"tokens", "list", "--endpoint", "localhost:8000"},
                        "--endpoint must be an http(s) URL"),
                Arguments.of(new String[] {"tokens", "list", "extra"}, "Unexpected value at position 3"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitWith2WithTheMessageAndTheUsage(String[] args, String message) {
        assertRefused(CliRun.run(Map.of(), args), message);
    }

    @Test
    void aBadDefaultFromTheEnvironmentNamesTheVariable() {
        CliRun run = CliRun.run(Map.of("DYNAMODB_ENDPOINT", "garbage"), "tokens", "list")
                .assertStatus(2);
        assertTrue(run.err().startsWith("Error: $DYNAMODB_ENDPOINT must be an http(s) URL"), run.err());
    }

    static Stream<Arguments> tokensInTheArguments() {
        String lowerCase = SECRET.toLowerCase(Locale.ROOT);
        return Stream.of(
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token", SECRET, "--chain", CHAIN},
                        SECRET,
                        "--client-token is refused: "
                                + NOT_ARGUMENTS
                                + "Give the client token on stdin with --client-token-stdin, or in an environment variable"
                                + " with --client-token-env NAME."),
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token"}, SECRET, "--client-token is refused: "),
                Arguments.of(
                        new String[] {"tokens", "revoke", "--token", "not-our-shape"},
                        "not-our-shape",
                        "--token is refused: " + NOT_ARGUMENTS
                                + "Give the token on stdin with --token-stdin, or in an environment variable with --token-env NAME."),
                Arguments.of(
                        new String[] {"tokens", "revoke", "--token=not-our-shape"},
                        "not-our-shape",
                        "--token is refused: "),
                Arguments.of(
                        new String[] {"tokens", "revoke", "--hash", SECRET},
                        SECRET,
                        "Argument 4 looks like a token, which is refused: "
                                + NOT_ARGUMENTS
                                + "Give a token on stdin (--client-token-stdin for create, --token-stdin for revoke) or in an"
                                + " environment variable (--client-token-env NAME, --token-env NAME). If it is a live token, delete it from"
                                + " your shell history."),
                Arguments.of(new String[] {"tokens", "revoke", SECRET}, SECRET, "Argument 3 looks like a token"),
                Arguments.of(
                        new String[] {"tokens", "list", "--prefix", lowerCase},
                        lowerCase,
                        "Argument 4 looks like a token"),
                Arguments.of(
                        new String[] {"tokens", "create-client", "--name", "Acme " + SECRET},
                        SECRET,
                        "Argument 4 looks like a token"),
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token-env", SECRET},
                        SECRET,
                        "Argument 4 looks like a token"),
                Arguments.of(
                        new String[] {"tokens", "create", "--client-token-env=" + SECRET},
                        SECRET,
                        "Argument 3 looks like a token"),
                Arguments.of(new String[] {SECRET, "--help"}, SECRET, "Argument 1 looks like a token"));
    }

    @ParameterizedTest
    @MethodSource("tokensInTheArguments")
    void aTokenInTheArgumentsIsRefusedWithWhyAndHowWithoutEchoingIt(String[] args, String secret, String message) {
        CliRun run = CliRun.run(Map.of(), args);
        assertRefused(run, message);
        assertFalse(run.err().toUpperCase(Locale.ROOT).contains(secret.toUpperCase(Locale.ROOT)), run.err());
    }

    @Test
    void anEmptyTokenIsRefusedAndSaysWhereItWasLookedFor() {
        String[] fromStdin = {"tokens", "revoke", "--token-stdin"};
        assertRefused(
                CliRun.runWithStdin(" \n" + SECRET + "\n", Map.of(), fromStdin),
                "--token-stdin found no token on stdin: the first line is blank.");
        String[] fromEnv = {"tokens", "revoke", "--token-env", "LOYALTY_TOKEN"};
        assertRefused(
                CliRun.run(Map.of("LOYALTY_TOKEN", " "), fromEnv),
                "The environment variable LOYALTY_TOKEN (--token-env) is empty.");
        assertRefused(
                CliRun.run(Map.of("OTHER", SECRET), fromEnv),
                "The environment variable LOYALTY_TOKEN (--token-env) is not set");
    }

    @Test
    void aValueWhereAVariableNameBelongsIsNotEchoed() {
        CliRun run = CliRun.run(Map.of(), "tokens", "revoke", "--token-env", "s3cr3t-value");
        assertRefused(
                run,
                "--token-env takes the name of an environment variable, such as LOYALTY_TOKEN (no $), not a value.");
        assertFalse(run.err().contains("s3cr3t-value"), run.err());
    }

    /** Exit status 2, {@code message} and the usage on stderr, nothing on stdout, and no token echoed. */
    private static void assertRefused(CliRun run, String message) {
        run.assertStatus(2);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Error: " + message), run.err());
        assertTrue(run.err().endsWith(AdminCli.USAGE), run.err());
        assertFalse(run.err().contains(SECRET), run.err());
    }
}
