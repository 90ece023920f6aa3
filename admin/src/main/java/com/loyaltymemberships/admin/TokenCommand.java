package com.loyaltymemberships.admin;

import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import com.loyaltymemberships.pipeline.Settings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the four commands of {@code tokens} share: the table options, the checks of the values they take, and
 * the run. picocli has parsed the arguments; {@link #call()} checks every value and reads a token given before
 * DynamoDB is called, so a usage error never half-does anything, then runs one {@link TokenAdmin} operation.
 */
@Command(
        sortOptions = false,
        usageHelpWidth = AdminCli.HELP_WIDTH,
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%n",
        footer = {TokenCommand.EXIT_STATUS_LINE_1, TokenCommand.EXIT_STATUS_LINE_2})
abstract class TokenCommand implements Callable<Integer> {

    /** The help's footer, in two lines; a command with a footer of its own ends it with them. */
    static final String EXIT_STATUS_LINE_1 =
            "Exit status: 0 done; 1 DynamoDB failed (unreachable, no such table, no access);";

    static final String EXIT_STATUS_LINE_2 = "2 bad arguments, or a token that is unknown, ambiguous or revoked.";
    static final String TOKENS_ARE_NOT_ARGUMENTS =
            "Tokens are never taken as arguments, which stay in shell history and show in the process list (ps):";

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HASH_PREFIX = Pattern.compile("[0-9a-fA-F]{1,64}");

    @ParentCommand
    private TokensCommand tokens;

    @Mixin
    private TableOptions tableOptions;

    @Mixin
    private HelpOptions helpOptions;

    /** Never filled: picocli hands every argument that no option takes to {@link AdminCli.Stray}, which refuses it. */
    @Parameters(hidden = true, parameterConsumer = AdminCli.Stray.class)
    private List<String> strays;

    @Override
    public final Integer call() {
        AdminCli cli = tokens.cli();
        Settings settings = tableOptions.settings(cli.inputs().env());
        Action action = prepare(cli.inputs());
        return DynamoDbRun.run(
                settings,
                cli.err(),
                "deploy the stack first (template.yaml creates the table), or check --table and --region;"
                        + " for a local engine, create-client and create take --create-table.",
                dynamoDb -> {
                    TokenAdmin admin = new TokenAdmin(
                            new TokenRepository(new DynamoDbTables(dynamoDb, settings.tableName())),
                            new TokenGenerator(),
                            Clock.systemUTC());
                    try {
                        action.run(new Session(admin, dynamoDb, settings.tableName(), cli.out()));
                        return AdminCli.OK;
                    } catch (RefusedException e) {
                        cli.err().println("Refused: " + e.getMessage());
                        return AdminCli.USAGE_ERROR;
                    }
                });
    }

    /**
     * Checks this command's values in a fixed order, reads the token given if any (last), and returns what to do
     * with DynamoDB; a {@link UsageException} for the first bad value.
     */
    abstract Action prepare(AdminCli.Inputs inputs);

    /** What an action needs once the arguments are known to be good. */
    record Session(TokenAdmin admin, DynamoDbClient dynamoDb, String tableName, PrintStream out) {

        void createTableIf(boolean asked) {
            if (asked) {
                TableDefinition.createIfMissing(dynamoDb, tableName);
            }
        }
    }

    @FunctionalInterface
    interface Action {
        void run(Session session);
    }

    // ---- values ----

    static Optional<Kind> kind(String value) {
        return Optional.ofNullable(value).map(given -> switch (given) {
            case "client" -> Kind.CLIENT;
            case "access" -> Kind.ACCESS;
            default -> throw new UsageException("--kind is client or access, not '" + given + "'.");
        });
    }

    static UUID chain(String value) {
        if (!GUID.matcher(value).matches()) {
            throw new UsageException(
                    "--chain takes a chain Id, a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, not '" + value
                            + "'.");
        }
        return UUID.fromString(value.toLowerCase(Locale.ROOT));
    }

    /** Hashes are stored in lower-case hex. The value is not echoed: a mistaken one may be a pasted secret. */
    static String hashPrefix(String option, String value) {
        if (!HASH_PREFIX.matcher(value).matches()) {
            throw new UsageException(
                    option + " takes the start of a token's hash (1 to 64 hex digits, as list shows them);"
                            + " revoke takes a token itself " + Secret.TOKEN.howToGive() + ".");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    // ---- output ----

    static void printIssued(PrintStream out, String label, Issued issued) {
        TokenInfo token = issued.stored();
        out.println(label + ": " + issued.secret());
        out.println("Hash prefix: " + token.shortHash());
        if (token.kind() == Kind.ACCESS) {
            out.println("Chains: " + chains(token) + (token.portfolio() ? " (portfolio)" : " (single enterprise)"));
        }
        if (!token.name().isEmpty()) {
            out.println("Name: " + token.name());
        }
        out.println("This is the only time the token is shown: store it now. The table keeps only its hash.");
    }

    static String chains(TokenInfo token) {
        return token.chainIds().stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
