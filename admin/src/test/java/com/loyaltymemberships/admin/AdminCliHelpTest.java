package com.loyaltymemberships.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The help of each command, --version, and how arguments are parsed (picocli, set up as the tool always
 * parsed them). No engine: like {@link AdminCliUsageTest}, a run that got past the arguments would fail with
 * status 1.
 */
class AdminCliHelpTest {

    private static final List<String> EVERY_COMMAND =
            List.of("--table", "--region", "--endpoint", "--help", "--version");
    /** An option's line in a help: its names from the third column on ({@code -h, --help}, {@code     --name N}). */
    private static final Pattern OPTION_LINE = Pattern.compile("^  (?:-\\w, |    )(--[a-z-]+)", Pattern.MULTILINE);

    private static final String SECRET = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("create-client", List.of("--name", "--create-table")),
                Arguments.of(
                        "create",
                        List.of(
                                "--client-token-stdin",
                                "--client-token-env",
                                "--chain",
                                "--portfolio",
                                "--name",
                                "--create-table")),
                Arguments.of("list", List.of("--kind", "--prefix", "--chain")),
                Arguments.of("revoke", List.of("--hash", "--token-stdin", "--token-env", "--kind")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasItsHelpListingExactlyItsOptions(String command, List<String> options) {
        List<String> expected = new ArrayList<>(options);
        expected.addAll(EVERY_COMMAND);
        for (String help : List.of("--help", "-h")) {
            CliRun run = CliRun.run(Map.of(), "tokens", command, help).assertStatus(0);
            assertEquals("", run.err());
            assertTrue(run.out().startsWith("Usage: java -jar loyalty-admin.jar tokens " + command + " "), run.out());
            assertEquals(expected, optionsListed(run.out()), run.out());
            assertTrue(
                    run.out()
                            .endsWith("\n" + TokenCommand.EXIT_STATUS_LINE_1 + "\n" + TokenCommand.EXIT_STATUS_LINE_2
                                    + "\n"),
                    run.out());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theToolsHelpNamesEveryOptionOfEveryCommand(String command, List<String> options) {
        for (String option :
                optionsListed(CliRun.run(Map.of(), "tokens", command, "--help").out())) {
            assertTrue(AdminCli.USAGE.contains(option), option + " of " + command + " is missing from the usage");
        }
        assertTrue(AdminCli.USAGE.contains("\n  " + command + " "), command);
        assertTrue(AdminCli.USAGE.endsWith(
                TokenCommand.EXIT_STATUS_LINE_1 + "\n" + TokenCommand.EXIT_STATUS_LINE_2 + "\n"));
    }

    @Test
    void backfillKeysHasItsHelpListingExactlyItsOptionsAndTheToolsHelpNamesThem() {
        CliRun run = CliRun.run(Map.of(), "backfill-keys", "--help").assertStatus(0);
        assertTrue(run.out().startsWith("Usage: java -jar loyalty-admin.jar backfill-keys "), run.out());
        List<String> expected =
                new ArrayList<>(List.of("--segments", "--rate", "--max-items", "--restart", "--dry-run"));
        expected.addAll(EVERY_COMMAND);
        assertEquals(expected, optionsListed(run.out()), run.out());
        for (String option : expected) {
            assertTrue(AdminCli.USAGE.contains(option), option + " is missing from the usage");
        }
        assertTrue(run.out()
                .endsWith("\n" + BackfillKeysCommand.EXIT_STATUS_LINE_1 + "\n" + BackfillKeysCommand.EXIT_STATUS_LINE_2
                        + "\n"));
    }

    @Test
    void theHelpOfAGivenTokenTellsHowToGiveIt() {
        String create = CliRun.run(Map.of(), "tokens", "create", "--help").out();
        assertTrue(
                create.contains(
                        "\n  printf '%s\\n' \"$T\" | java -jar loyalty-admin.jar tokens create --client-token-stdin --chain X\n"),
                create);
        String revoke = CliRun.run(Map.of(), "tokens", "revoke", "--help").out();
        assertTrue(
                revoke.contains(
                        "\n  printf '%s\\n' \"$T\" | java -jar loyalty-admin.jar tokens revoke --token-stdin\n"),
                revoke);
    }

    /** As before picocli: --help or -h anywhere gets a help, whatever else is wrong, of the command named before it. */
    @Test
    void helpWinsOverBadArguments() {
        for (String[] args : new String[][] {
            {"tokens", "list", "extra", "--help"},
            {"tokens", "list", "--kind", "-h"},
            {"tokens", "list", "--kind", "both", "-h"},
            {"tokens", "list", "--verbose", "--help"}
        }) {
            CliRun run = CliRun.run(Map.of(), args).assertStatus(0);
            assertTrue(run.out().startsWith("Usage: java -jar loyalty-admin.jar tokens list "), run.out());
            assertEquals("", run.err());
        }
        assertEquals(
                AdminCli.USAGE,
                CliRun.run(Map.of(), "tokens", "delete", "--help")
                        .assertStatus(0)
                        .out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-client", "create", "list", "revoke"})
    void anUnknownOptionIsAnErrorWithStatus2(String command) {
        CliRun run = CliRun.run(Map.of(), "tokens", command, "--bogus", "--name", "N")
                .assertStatus(2);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Error: Unknown option --bogus for " + command + ".\n\n"), run.err());
        assertTrue(run.err().endsWith(AdminCli.USAGE), run.err());
    }

    static Stream<Arguments> unknownArguments() {
        return Stream.of(
                Arguments.of(
                        new String[] {"--bogus"},
                        "Unknown command group '--bogus'; the commands are 'tokens' (a group) and 'backfill-keys'."),
                Arguments.of(
                        new String[] {"tokens", "--bogus"},
                        "Unknown command '--bogus'; the commands are create-client, create," + " list and revoke."),
                Arguments.of(new String[] {"tokens", "list", "-k", "client"}, "Unknown option -k for list."),
                // An option and its value are two arguments, as they always were.
                Arguments.of(
                        new String[] {"tokens", "create-client", "--name=Acme"},
                        "Unknown option --name=Acme for create-client."),
                // The tool takes no positional argument, so "--" ends no options: it is refused as it always was.
                Arguments.of(new String[] {"tokens", "list", "--"}, "Unknown option -- for list."),
                Arguments.of(
                        new String[] {"tokens", "list", "--kind", "client", "list"}, "Unexpected value at position 5;"),
                Arguments.of(new String[] {"tokens", "list", "--chain", "--kind"}, "--chain needs a value."),
                Arguments.of(
                        new String[] {"tokens", "list", "--kind", "access", "--kind", "client"},
                        "--kind is given twice."),
                Arguments.of(new String[] {"tokens", "revoke", "--hash", "ab", "--hash", ""}, "--hash needs a value."));
    }

    @ParameterizedTest
    @MethodSource("unknownArguments")
    void unknownArgumentsAreErrorsWithStatus2(String[] args, String message) {
        CliRun run = CliRun.run(Map.of(), args).assertStatus(2);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Error: " + message), run.err());
        assertTrue(run.err().endsWith(AdminCli.USAGE), run.err());
    }

    /** An {@code @file} argument is not read as arguments: they would get past the refusal of tokens among the arguments. */
    @Test
    void anAtFileIsNotExpanded(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("args"), "--token-stdin\n" + SECRET + "\n");
        CliRun run = CliRun.run(Map.of(), "tokens", "revoke", "@" + file).assertStatus(2);
        assertTrue(
                run.err().startsWith("Error: Unexpected value at position 3; every value follows its --option."),
                run.err());
        assertFalse(run.err().contains(SECRET), run.err());
    }

    /** What picocli itself would say quotes the argument; the tool's words do not. */
    @Test
    void aValueStuckToAFlagIsNotEchoed() {
        CliRun run = CliRun.run(Map.of(), "tokens", "create-client", "--create-table s3cr3t-value")
                .assertStatus(2);
        assertTrue(run.err().startsWith("Error: The arguments of create-client are not understood"), run.err());
        assertFalse(run.err().contains("s3cr3t-value"), run.err());
    }

    @Test
    void versionPrintsTheVersionOfTheTool() {
        for (String[] args :
                new String[][] {{"--version"}, {"-V"}, {"tokens", "-V"}, {"tokens", "revoke", "--version"}}) {
            CliRun run = CliRun.run(Map.of(), args).assertStatus(0);
            // Run from target/classes here; the jar's manifest has the project's version.
            assertEquals("loyalty-admin (not run from loyalty-admin.jar)\n", run.out());
            assertEquals("", run.err());
        }
    }

    private static List<String> optionsListed(String help) {
        String options = help.substring(help.indexOf("\nOptions:\n"));
        List<String> names = new ArrayList<>();
        Matcher matcher = OPTION_LINE.matcher(options);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
