package com.loyaltymemberships.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void helpAndNoArgumentsPrintTheUsage() {
        for (String[] args : new String[][] {{}, {"--help"}, {"tokens", "revoke", "-h"}}) {
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
                Arguments.of(new String[] {"tokens", "list", "--create-table"}, "Unknown option --create-table for list."),
                Arguments.of(new String[] {"tokens", "create", "--chain", CHAIN}, "create needs --client-token"),
                Arguments.of(new String[] {"tokens", "create", "--client-token", SECRET}, "create needs at least one --chain."),
                Arguments.of(new String[] {"tokens", "create", "--client-token", SECRET, "--chain", "not-a-guid"},
                        "--chain takes a chain Id, a GUID"),
                Arguments.of(new String[] {"tokens", "create", "--client-token", SECRET, "--chain", CHAIN, "--chain", CHAIN.toUpperCase()},
                        "--chain " + CHAIN + " is given twice."),
                Arguments.of(new String[] {"tokens", "create-client", "--name"}, "--name needs a value."),
                Arguments.of(new String[] {"tokens", "create-client", "--name", "--create-table"}, "--name needs a value."),
                Arguments.of(new String[] {"tokens", "create-client", "--create-table", "--create-table"}, "--create-table is given twice."),
                Arguments.of(new String[] {"tokens", "list", "--kind", "both"}, "--kind is client or access, not 'both'."),
                Arguments.of(new String[] {"tokens", "list", "--kind", "client", "--chain", CHAIN}, "--chain selects access tokens; client tokens cover no chain."),
                Arguments.of(new String[] {"tokens", "list", "--prefix", "xyz"}, "--prefix takes the start of a token's hash"),
                Arguments.of(new String[] {"tokens", "revoke"}, "revoke needs either --hash PREFIX or --token SECRET."),
                Arguments.of(new String[] {"tokens", "revoke", "--hash", "ab", "--token", SECRET}, "revoke needs either --hash PREFIX or --token SECRET."),
                Arguments.of(new String[] {"tokens", "list", "--table", "a"}, "--table must be a DynamoDB table name"),
                Arguments.of(new String[] {"tokens", "list", "--table", "One", "--table", "Two"}, "--table is given twice."),
                Arguments.of(new String[] {"tokens", "list", "--region", "EU West"}, "--region must be an AWS region"),
                Arguments.of(new String[] {"tokens", "list", "--endpoint", "localhost:8000"}, "--endpoint must be an http(s) URL"),
                Arguments.of(new String[] {"tokens", "list", "extra"}, "Unexpected value at position 3"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitWith2WithTheMessageAndTheUsage(String[] args, String message) {
        CliRun run = CliRun.run(Map.of(), args).assertStatus(2);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Error: " + message), run.err());
        assertTrue(run.err().endsWith(AdminCli.USAGE), run.err());
    }

    @Test
    void aBadDefaultFromTheEnvironmentNamesTheVariable() {
        CliRun run = CliRun.run(Map.of("DYNAMODB_ENDPOINT", "garbage"), "tokens", "list").assertStatus(2);
        assertTrue(run.err().startsWith("Error: $DYNAMODB_ENDPOINT must be an http(s) URL"), run.err());
    }

    @Test
    void aSecretInTheWrongPlaceIsNotEchoed() {
        for (String[] args : new String[][] {{"tokens", "revoke", "--hash", SECRET}, {"tokens", "revoke", SECRET},
                {"tokens", "list", "--prefix", SECRET}}) {
            CliRun run = CliRun.run(Map.of(), args).assertStatus(2);
            assertFalse(run.err().contains(SECRET) || run.out().contains(SECRET), run.err());
        }
    }
}
