package com.loyaltymemberships.admin;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar loyalty-admin.jar tokens <command> [options]}: the root of the picocli commands
 * ({@link TokensCommand}, then {@link CreateClientCommand}, {@link CreateCommand}, {@link ListCommand} and
 * {@link RevokeCommand}), which run one {@link TokenAdmin} operation; and of {@link BackfillKeysCommand}, which moves
 * memberships to the index keys of this release. Every argument is checked before DynamoDB
 * is called, so a usage error never half-does anything. Secrets given or made are never echoed, except a new
 * token, once. A secret given is never an argument: arguments stay in shell history and show in the process
 * list, so tokens come from stdin or an environment variable (see {@link Secret}).
 *
 * <p>picocli never reports an error in its own words, which quote the arguments: {@link #parameterError}
 * says what is wrong in the tool's words, which quote no value that may be a secret.
 */
@Command(
        name = "java -jar loyalty-admin.jar",
        versionProvider = AdminCli.Version.class,
        subcommands = {TokensCommand.class, BackfillKeysCommand.class})
public final class AdminCli implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    /** The width of each command's help. */
    static final int HELP_WIDTH = 100;

    /** The help of the tool and of {@code tokens}; each command has its own too ({@code tokens create --help}). */
    static final String USAGE = """
            Usage: java -jar loyalty-admin.jar tokens <command> [options]
                   java -jar loyalty-admin.jar backfill-keys [options]

            Creates, lists and revokes the client and access tokens of the loyalty memberships service.
            A new token is printed once, when it is created; the table keeps only its SHA-256 hash.
            Moves memberships stored by an earlier release to the index keys of this one.

            Commands:
              create-client [--name N] [--create-table]
                  Creates a client token (one per integration) and prints it.
              create (--client-token-stdin | --client-token-env NAME) --chain X [--chain Y ...] [--portfolio]
                     [--name N] [--create-table]
                  Creates an access token for an active client token over the chains X, Y, ... (GUIDs) and
                  prints it. It is a portfolio token with --portfolio or with more than one chain.
              list [--kind client|access] [--prefix HEX] [--chain X]
                  Lists tokens by hash, never a secret: those whose hash starts with HEX; with --chain,
                  only the access tokens covering chain X.
              revoke (--hash PREFIX | --token-stdin | --token-env NAME) [--kind client|access]
                  Revokes the one token whose hash starts with PREFIX, or the token given.
                  Revoking a client token also stops every access token made for it.

            Upgrading (README, "Upgrading to sharded keys"):
              backfill-keys [--segments N] [--rate N] [--max-items N] [--restart] [--dry-run]
                  Moves memberships stored by an earlier release to the index keys of this one, while the
                  service runs: N scan segments in parallel (default 4), at most N moved a second (default
                  100; 14 to 16 write units each); stops after --max-items scanned; resumes where the last run
                  stopped unless --restart; --dry-run only counts. Exit status 2 also for an unfinished
                  backfill with other --segments.

            Tokens are never taken as arguments, which stay in shell history and show in the process list:
              --client-token-stdin, --token-stdin
                               read the token from the first line of stdin (surrounding spaces dropped), e.g.
                               printf '%s\\n' "$T" | java -jar loyalty-admin.jar tokens revoke --token-stdin
              --client-token-env NAME, --token-env NAME
                               read the token from the environment variable NAME: --token-env T after export T
            An argument that looks like a token (32 hex digits, -, 31 more) is refused, as are --client-token
            and --token, which took a token in earlier versions.

            Options of every command:
              --table T        DynamoDB table (default: $TABLE_NAME, else LoyaltyMemberships)
              --region R       AWS region (default: $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1)
              --endpoint URL   DynamoDB endpoint of a local engine (default: $DYNAMODB_ENDPOINT, else AWS)
              -h, --help       This text; after a command, that command's options, e.g. tokens create --help
              -V, --version    The version of the tool.
            --create-table (create-client, create) creates the table if it is missing, for local engines.
            On AWS the stack (template.yaml) creates the table; a missing table is an error.

            Exit status: 0 done; 1 DynamoDB failed (unreachable, no such table, no access);
            2 bad arguments, or a token that is unknown, ambiguous or revoked.
            """;

    private static final String NO_TOKEN_ARGUMENTS =
            "tokens are not taken as arguments, which stay in shell history and show in the process list (ps)";
    private static final String OVERVIEW = "overview";

    private final Inputs inputs;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    private HelpOptions helpOptions;

    /** Never filled: an argument that names no command group goes to {@link Stray}, which refuses it. */
    @Parameters(hidden = true, parameterConsumer = Stray.class)
    private List<String> strays;

    private AdminCli(Inputs inputs, PrintStream out, PrintStream err) {
        this.inputs = inputs;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, new Inputs(System.getenv(), System.in), System.out, System.err));
    }

    /** Runs one command and returns the exit status. */
    static int run(String[] args, Inputs inputs, PrintStream out, PrintStream err) {
        AdminCli cli = new AdminCli(inputs, out, err);
        try {
            // First of all, even before --help, and before picocli reads anything: the operator learns at once
            // that the token has leaked, and no message of picocli's can echo it.
            refuseTokens(List.of(args));
        } catch (UsageException e) {
            return cli.usageError(e.getMessage());
        }
        return cli.commandLine().execute(args);
    }

    /**
     * What a run reads besides its arguments: the environment (the defaults of the options, and the
     * variables that --client-token-env and --token-env name) and stdin (for --client-token-stdin and
     * --token-stdin).
     */
    record Inputs(Map<String, String> env, InputStream stdin) {}

    Inputs inputs() {
        return inputs;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** With no arguments, the usage. */
    @Override
    public Integer call() {
        out.print(USAGE);
        return OK;
    }

    /**
     * The commands, parsed as this tool always parsed them: an option and its value are two arguments
     * ({@code --name N}, not {@code --name=N}), no {@code @file} (its content would be arguments that
     * {@link #refuseTokens} never saw), no {@code --} (the tool takes no positional argument), and every
     * argument that no option takes is refused where it stands ({@link Stray}).
     */
    private CommandLine commandLine() {
        CommandLine root = new CommandLine(this)
                .setSeparator(" ")
                .setExpandAtFiles(false)
                .setPosixClusteredShortOptionsAllowed(false)
                // No argument can hold a NUL character, so none ends the options: "--" is an unknown option.
                .setEndOfOptionsDelimiter("\0")
                .setUnmatchedOptionsArePositionalParams(true)
                .registerConverter(String.class, new GivenValue())
                .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF)) // plain text, in a terminal too
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionStrategy(this::execute)
                .setParameterExceptionHandler(this::parameterError)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof UsageException) {
                        return usageError(e.getMessage());
                    }
                    throw e;
                });
        for (CommandLine command : List.of(root, root.getSubcommands().get("tokens"))) {
            command.getCommandSpec()
                    .usageMessage()
                    .sectionKeys(List.of(OVERVIEW))
                    .sectionMap(Map.of(OVERVIEW, help -> USAGE));
        }
        return root;
    }

    /** Help or version if asked for anywhere (then nothing else runs), else the command named last. */
    private int execute(ParseResult parsed) {
        for (CommandLine command : parsed.asCommandLineList()) {
            if (command.isUsageHelpRequested()) {
                return help(command);
            }
            if (command.isVersionHelpRequested()) {
                parsed.commandSpec().commandLine().printVersionHelp(out);
                return OK;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private int help(CommandLine command) {
        out.print(command.getUsageMessage());
        return OK;
    }

    /**
     * Arguments picocli cannot parse. --help or -h anywhere still gets the help, of the command where parsing
     * stopped, as it always did: asking for help never fails. Else the mistake in the tool's words.
     */
    private int parameterError(ParameterException e, String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            return help(e.getCommandLine());
        }
        return usageError(message(e, arguments.size()));
    }

    private static String message(ParameterException e, int argumentCount) {
        CommandLine command = e.getCommandLine();
        if (e instanceof StrayArgumentException stray) {
            if (command.getCommand() instanceof AdminCli) {
                return "Unknown command group '" + stray.argument
                        + "'; the commands are 'tokens' (a group) and 'backfill-keys'.";
            }
            if (command.getCommand() instanceof TokensCommand) {
                return "Unknown command '" + stray.argument
                        + "'; the commands are create-client, create, list and revoke.";
            }
            if (stray.argument.startsWith("-")) {
                return "Unknown option " + stray.argument + " for " + command.getCommandName() + ".";
            }
            // Not echoed: a stray value may be a secret that lost its option.
            return "Unexpected value at position " + (argumentCount - stray.remaining + 1)
                    + "; every value follows its --option.";
        }
        if (e instanceof MissingParameterException missing
                && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value.";
        }
        if (e.getCause() instanceof GivenValue.Missing && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " needs a value.";
        }
        if (e instanceof OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given twice.";
        }
        // What is left, such as a flag and a value in one argument ("--portfolio x", split at the space): said
        // without quoting the arguments.
        return "The arguments of " + command.getCommandName() + " are not understood: give each --option and its value"
                + " as two arguments.";
    }

    private int usageError(String message) {
        err.println("Error: " + message);
        err.println();
        err.print(USAGE);
        return USAGE_ERROR;
    }

    /**
     * Refuses a token among the arguments, the retired --client-token and --token or any argument with
     * a value of the tokens' shape, wherever it stands (even in --name or as a variable name). Nothing
     * else has read the arguments yet, so no other message can echo the token.
     */
    private static void refuseTokens(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            for (Secret secret : Secret.values()) {
                if (arg.equals(secret.retired) || arg.startsWith(secret.retired + "=")) {
                    throw new UsageException(secret.retired + " is refused: " + NO_TOKEN_ARGUMENTS + ". Give the "
                            + secret.what + " " + secret.howToGive() + ".");
                }
            }
            if (TokenGenerator.SHAPE.matcher(arg).find()) {
                throw new UsageException("Argument " + (i + 1) + " looks like a token, which is refused: "
                        + NO_TOKEN_ARGUMENTS
                        + ". Give a token on stdin (" + Secret.CLIENT_TOKEN.stdin + " for create, " + Secret.TOKEN.stdin
                        + " for revoke) or in an environment variable (" + Secret.CLIENT_TOKEN.env + " NAME, "
                        + Secret.TOKEN.env
                        + " NAME). If it is a live token, delete it from your shell history.");
            }
        }
    }

    /**
     * Every option's value: not blank, and not an option ({@code --name --create-table} lacks the name). picocli
     * takes {@code --name --other} as a name when --other is no option of the command; this refuses it.
     */
    static final class GivenValue implements ITypeConverter<String> {

        @Override
        public String convert(String value) {
            if (value.isBlank() || value.startsWith("--")) {
                throw new Missing();
            }
            return value;
        }

        static final class Missing extends TypeConversionException {

            private static final long serialVersionUID = 1L;

            Missing() {
                super("no value");
            }
        }
    }

    /**
     * Takes, for the hidden catch-all parameter of each command, the first argument that no option takes, and
     * refuses it at once: a mistake is reported where it stands, before the arguments after it are read.
     */
    static final class Stray implements IParameterConsumer {

        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            throw new StrayArgumentException(commandSpec.commandLine(), args.peek(), args.size());
        }
    }

    /** An argument that no option takes; {@link #remaining} counts it and those after it. */
    static final class StrayArgumentException extends ParameterException {

        private static final long serialVersionUID = 1L;

        final String argument;
        final int remaining;

        StrayArgumentException(CommandLine command, String argument, int remaining) {
            super(command, "stray argument");
            this.argument = argument;
            this.remaining = remaining;
        }
    }

    /** {@code --version}: the version in the jar's manifest. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = AdminCli.class.getPackage().getImplementationVersion();
            return new String[] {"loyalty-admin " + (version == null ? "(not run from loyalty-admin.jar)" : version)};
        }
    }
}
