package com.loyaltymemberships.admin;

import com.loyaltymemberships.dynamodb.DynamoDbClients;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import com.loyaltymemberships.pipeline.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code java -jar loyalty-admin.jar tokens <command> [options]}: parses the arguments by hand (no
 * library for four commands), then runs one {@link TokenAdmin} operation. Every argument is checked
 * before DynamoDB is called, so a usage error never half-does anything. Secrets given or made are
 * never echoed, except a new token, once. A secret given is never an argument: arguments stay in shell
 * history and show in the process list, so tokens come from stdin or an environment variable (see
 * {@link Secret}).
 */
public final class AdminCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: java -jar loyalty-admin.jar tokens <command> [options]

            Creates, lists and revokes the client and access tokens of the loyalty memberships service.
            A new token is printed once, when it is created; the table keeps only its SHA-256 hash.

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
              --help           This text.
            --create-table (create-client, create) creates the table if it is missing, for local engines.
            On AWS the stack (template.yaml) creates the table; a missing table is an error.

            Exit status: 0 done; 1 DynamoDB failed (unreachable, no such table, no access);
            2 bad arguments, or a token that is unknown, ambiguous or revoked.
            """;

    private static final Set<String> GLOBAL_OPTIONS = Set.of("--table", "--region", "--endpoint");
    private static final Set<String> REPEATABLE_OPTIONS = Set.of("--chain");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HASH_PREFIX = Pattern.compile("[0-9a-fA-F]{1,64}");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String NO_TOKEN_ARGUMENTS =
            "tokens are not taken as arguments, which stay in shell history and show in the process list (ps)";

    private AdminCli() {}

    public static void main(String[] args) {
        System.exit(run(args, new Inputs(System.getenv(), System.in), System.out, System.err));
    }

    /** Runs one command and returns the exit status. */
    static int run(String[] args, Inputs inputs, PrintStream out, PrintStream err) {
        List<String> arguments = List.of(args);
        Invocation invocation;
        try {
            // First of all, even before --help: the operator learns at once that the token has leaked.
            refuseTokens(arguments);
            if (arguments.isEmpty() || arguments.contains("--help") || arguments.contains("-h")) {
                out.print(USAGE);
                return OK;
            }
            invocation = Invocation.parse(arguments, inputs);
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return USAGE_ERROR;
        }
        Settings settings = invocation.settings();
        try (DynamoDbClient dynamoDb = DynamoDbClients.create(settings.region(), settings.dynamoDbEndpoint())) {
            TokenAdmin admin = new TokenAdmin(new TokenRepository(new DynamoDbTables(dynamoDb, settings.tableName())),
                    new TokenGenerator(), Clock.systemUTC());
            invocation.action().run(new Session(admin, dynamoDb, settings.tableName(), out));
            return OK;
        } catch (RefusedException e) {
            err.println("Refused: " + e.getMessage());
            return USAGE_ERROR;
        } catch (ResourceNotFoundException e) {
            err.println("Table " + settings.tableName() + " not found in " + settings.region()
                    + settings.dynamoDbEndpoint().map(endpoint -> " at " + endpoint).orElse("")
                    + ": deploy the stack first (template.yaml creates the table), or check --table and --region;"
                    + " for a local engine, create-client and create take --create-table.");
            return FAILED;
        } catch (SdkException | IllegalStateException e) {
            err.println("DynamoDB request failed: " + firstLine(e.getMessage()));
            return FAILED;
        }
    }

    /**
     * What a run reads besides its arguments: the environment (the defaults of the options, and the
     * variables that --client-token-env and --token-env name) and stdin (for --client-token-stdin and
     * --token-stdin).
     */
    record Inputs(Map<String, String> env, InputStream stdin) {}

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
                throw new UsageException("Argument " + (i + 1) + " looks like a token, which is refused: " + NO_TOKEN_ARGUMENTS
                        + ". Give a token on stdin (" + Secret.CLIENT_TOKEN.stdin + " for create, " + Secret.TOKEN.stdin
                        + " for revoke) or in an environment variable (" + Secret.CLIENT_TOKEN.env + " NAME, " + Secret.TOKEN.env
                        + " NAME). If it is a live token, delete it from your shell history.");
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse("(no message)");
    }

    /** What an action needs once the arguments are known to be good. */
    private record Session(TokenAdmin admin, DynamoDbClient dynamoDb, String tableName, PrintStream out) {

        void createTableIf(boolean asked) {
            if (asked) {
                TableDefinition.createIfMissing(dynamoDb, tableName);
            }
        }
    }

    @FunctionalInterface
    private interface Action {
        void run(Session session);
    }

    private record Invocation(Settings settings, Action action) {

        static Invocation parse(List<String> args, Inputs inputs) {
            if (!args.get(0).equals("tokens")) {
                throw new UsageException("Unknown command group '" + args.get(0) + "'; the only one is 'tokens'.");
            }
            if (args.size() < 2) {
                throw new UsageException("A command is required after 'tokens'.");
            }
            Command command = Command.named(args.get(1));
            Options options = Options.parse(command, args.subList(2, args.size()));
            Map<String, String> env = inputs.env();
            Settings settings = new Settings(
                    setting(options, "--table", env, "TABLE_NAME").map(v -> tableName(v.source(), v.value()))
                            .orElse(Settings.DEFAULT_TABLE_NAME),
                    setting(options, "--region", env, "AWS_REGION", "AWS_DEFAULT_REGION").map(v -> region(v.source(), v.value()))
                            .orElse("us-east-1"),
                    setting(options, "--endpoint", env, "DYNAMODB_ENDPOINT").map(v -> endpoint(v.source(), v.value())),
                    Settings.DEFAULT_RATE_LIMIT, Settings.DEFAULT_RATE_WINDOW_SECONDS);
            return new Invocation(settings, command.parser.apply(options, inputs));
        }

        private record Sourced(String source, String value) {}

        /** The option if given, else the first of {@code variables} that is set and not blank. */
        private static Optional<Sourced> setting(Options options, String option, Map<String, String> env, String... variables) {
            Optional<Sourced> given = options.value(option).map(value -> new Sourced(option, value));
            for (String variable : variables) {
                given = given.or(() -> Optional.ofNullable(env.get(variable)).map(String::strip).filter(v -> !v.isEmpty())
                        .map(value -> new Sourced("$" + variable, value)));
            }
            return given;
        }
    }

    private enum Command {
        CREATE_CLIENT("create-client", Set.of("--name"), Set.of("--create-table"), AdminCli::createClient),
        CREATE("create", Set.of(Secret.CLIENT_TOKEN.env, "--chain", "--name"),
                Set.of(Secret.CLIENT_TOKEN.stdin, "--portfolio", "--create-table"), AdminCli::create),
        LIST("list", Set.of("--kind", "--prefix", "--chain"), Set.of(), AdminCli::list),
        REVOKE("revoke", Set.of("--hash", Secret.TOKEN.env, "--kind"), Set.of(Secret.TOKEN.stdin), AdminCli::revoke);

        final String word;
        final Set<String> valueOptions;
        final Set<String> flags;
        final BiFunction<Options, Inputs, Action> parser;

        Command(String word, Set<String> valueOptions, Set<String> flags, BiFunction<Options, Inputs, Action> parser) {
            this.word = word;
            this.valueOptions = valueOptions;
            this.flags = flags;
            this.parser = parser;
        }

        static Command named(String word) {
            for (Command command : values()) {
                if (command.word.equals(word)) {
                    return command;
                }
            }
            throw new UsageException("Unknown command '" + word + "'; the commands are create-client, create, list and revoke.");
        }
    }

    // ---- the commands: check their options, then act ----

    private static Action createClient(Options options, Inputs inputs) {
        String name = options.value("--name").orElse("");
        boolean createTable = options.flag("--create-table");
        return session -> {
            session.createTableIf(createTable);
            Issued issued = session.admin().createClient(name);
            printIssued(session.out(), "ClientToken", issued);
        };
    }

    private static Action create(Options options, Inputs inputs) {
        SecretSource clientTokenSource = SecretSource.of(options, Secret.CLIENT_TOKEN).orElseThrow(() -> new UsageException(
                "create needs the client token the access token is for, " + Secret.CLIENT_TOKEN.howToGive() + "."));
        List<UUID> chains = new ArrayList<>();
        for (String value : options.all("--chain")) {
            UUID chain = chain(value);
            if (chains.contains(chain)) {
                throw new UsageException("--chain " + chain + " is given twice.");
            }
            chains.add(chain);
        }
        if (chains.isEmpty()) {
            throw new UsageException("create needs at least one --chain.");
        }
        boolean portfolio = options.flag("--portfolio");
        String name = options.value("--name").orElse("");
        boolean createTable = options.flag("--create-table");
        String clientToken = clientTokenSource.read(inputs);
        return session -> {
            session.createTableIf(createTable);
            Issued issued = session.admin().createAccess(clientToken, chains, portfolio, name);
            printIssued(session.out(), "AccessToken", issued);
        };
    }

    private static Action list(Options options, Inputs inputs) {
        Optional<Kind> kind = kind(options);
        String prefix = options.value("--prefix").map(value -> hashPrefix("--prefix", value)).orElse("");
        Optional<UUID> chain = options.value("--chain").map(AdminCli::chain);
        if (kind.equals(Optional.of(Kind.CLIENT)) && chain.isPresent()) {
            throw new UsageException("--chain selects access tokens; client tokens cover no chain.");
        }
        return session -> printList(session.out(), session.admin().list(kind, prefix, chain));
    }

    private static Action revoke(Options options, Inputs inputs) {
        Optional<Kind> kind = kind(options);
        Optional<String> prefix = options.value("--hash").map(value -> hashPrefix("--hash", value));
        Optional<SecretSource> tokenSource = SecretSource.of(options, Secret.TOKEN);
        if (prefix.isPresent() == tokenSource.isPresent()) {
            throw new UsageException("revoke needs either --hash PREFIX, or the token " + Secret.TOKEN.howToGive() + ".");
        }
        Optional<String> token = tokenSource.map(source -> source.read(inputs));
        return session -> {
            TokenInfo revoked = prefix.isPresent()
                    ? session.admin().revokeByHashPrefix(kind, prefix.get())
                    : session.admin().revokeToken(kind, token.get());
            session.out().println("Revoked " + revoked.label() + " token " + revoked.shortHash() + describeName(revoked)
                    + " at " + revoked.revokedUtc().get() + ".");
            if (revoked.kind() == Kind.CLIENT) {
                session.out().println("Every access token made for it is refused from now on too.");
            }
        };
    }

    // ---- output ----

    private static void printIssued(PrintStream out, String label, Issued issued) {
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

    private static void printList(PrintStream out, List<TokenInfo> tokens) {
        if (tokens.isEmpty()) {
            out.println("No tokens match.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("KIND", "HASH", "NAME", "CHAINS", "PORTFOLIO", "CREATED", "STATUS"));
        for (TokenInfo token : tokens) {
            boolean access = token.kind() == Kind.ACCESS;
            rows.add(List.of(token.label(), token.shortHash(), token.name().isEmpty() ? "-" : token.name(),
                    access ? chains(token) : "-", access ? (token.portfolio() ? "yes" : "no") : "-",
                    token.createdUtc().toString(), token.revokedUtc().map(at -> "revoked " + at).orElse("active")));
        }
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == widths.length - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line);
        }
    }

    private static String chains(TokenInfo token) {
        return token.chainIds().stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static String describeName(TokenInfo token) {
        return token.name().isEmpty() ? "" : " (" + token.name() + ")";
    }

    // ---- values ----

    private static Optional<Kind> kind(Options options) {
        return options.value("--kind").map(value -> switch (value) {
            case "client" -> Kind.CLIENT;
            case "access" -> Kind.ACCESS;
            default -> throw new UsageException("--kind is client or access, not '" + value + "'.");
        });
    }

    private static UUID chain(String value) {
        if (!GUID.matcher(value).matches()) {
            throw new UsageException("--chain takes a chain Id, a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, not '" + value + "'.");
        }
        return UUID.fromString(value.toLowerCase(Locale.ROOT));
    }

    /** Hashes are stored in lower-case hex. The value is not echoed: a mistaken one may be a pasted secret. */
    private static String hashPrefix(String option, String value) {
        if (!HASH_PREFIX.matcher(value).matches()) {
            throw new UsageException(option + " takes the start of a token's hash (1 to 64 hex digits, as list shows them);"
                    + " revoke takes a token itself " + Secret.TOKEN.howToGive() + ".");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String tableName(String source, String value) {
        if (!TABLE_NAME.matcher(value).matches()) {
            throw new UsageException(source + " must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), not '" + value + "'.");
        }
        return value;
    }

    private static String region(String source, String value) {
        if (!REGION.matcher(value).matches()) {
            throw new UsageException(source + " must be an AWS region such as eu-west-1, not '" + value + "'.");
        }
        return value;
    }

    private static URI endpoint(String source, String value) {
        try {
            URI endpoint = new URI(value);
            if (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) && endpoint.getHost() != null) {
                return endpoint;
            }
        } catch (URISyntaxException invalid) {
            // Reported below, like a URL of the wrong kind.
        }
        throw new UsageException(source + " must be an http(s) URL such as http://127.0.0.1:8000, not '" + value + "'.");
    }

    /**
     * A token a command is given, and the two ways to give it. Never as an argument: arguments stay in
     * shell history and anyone on the machine can read them in the process list.
     */
    private enum Secret {
        CLIENT_TOKEN("--client-token", "client token"),
        TOKEN("--token", "token");

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
    }

    /**
     * Where a command reads its token: the first line of stdin, or the environment variable named. A
     * command reads it last, once every argument is known to be good, so that a bad argument is reported
     * at once instead of after waiting for stdin.
     */
    private record SecretSource(Secret secret, Optional<String> variable) {

        /** The source the options name, if any; checked, not read. */
        static Optional<SecretSource> of(Options options, Secret secret) {
            boolean fromStdin = options.flag(secret.stdin);
            Optional<String> variable = options.value(secret.env);
            if (fromStdin && variable.isPresent()) {
                throw new UsageException("Give " + secret.stdin + " or " + secret.env + ", not both.");
            }
            // The name is not echoed: it may be the token itself, written as "$LOYALTY_TOKEN" where LOYALTY_TOKEN was meant.
            if (variable.isPresent() && !VARIABLE_NAME.matcher(variable.get()).matches()) {
                throw new UsageException(secret.env + " takes the name of an environment variable, such as LOYALTY_TOKEN (no $),"
                        + " not a value.");
            }
            return fromStdin || variable.isPresent() ? Optional.of(new SecretSource(secret, variable)) : Optional.empty();
        }

        /** The token, stripped of surrounding spaces; an empty one is refused, naming where it was looked for. */
        String read(Inputs inputs) {
            String value = variable.isPresent() ? inputs.env().get(variable.get()) : readLine(inputs.stdin());
            if (value == null || value.isBlank()) {
                throw new UsageException(variable.isPresent()
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

    /** The options after the command: {@code --option value} pairs and flags, as the command allows them. */
    private record Options(Map<String, List<String>> values, Set<String> flags) {

        static Options parse(Command command, List<String> args) {
            Map<String, List<String>> values = new HashMap<>();
            Set<String> flags = new HashSet<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (command.flags.contains(arg)) {
                    if (!flags.add(arg)) {
                        throw new UsageException(arg + " is given twice.");
                    }
                } else if (command.valueOptions.contains(arg) || GLOBAL_OPTIONS.contains(arg)) {
                    if (i + 1 == args.size() || args.get(i + 1).isBlank() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(arg + " needs a value.");
                    }
                    List<String> given = values.computeIfAbsent(arg, name -> new ArrayList<>());
                    if (!given.isEmpty() && !REPEATABLE_OPTIONS.contains(arg)) {
                        throw new UsageException(arg + " is given twice.");
                    }
                    given.add(args.get(++i));
                } else if (arg.startsWith("-")) {
                    throw new UsageException("Unknown option " + arg + " for " + command.word + ".");
                } else {
                    // Not echoed: a stray value may be a secret that lost its option.
                    throw new UsageException("Unexpected value at position " + (i + 3) + "; every value follows its --option.");
                }
            }
            return new Options(values, flags);
        }

        Optional<String> value(String option) {
            return all(option).stream().findFirst();
        }

        List<String> all(String option) {
            return values.getOrDefault(option, List.of());
        }

        boolean flag(String option) {
            return flags.contains(option);
        }
    }

    /** Arguments that do not make a valid command: reported with the usage text. */
    private static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
