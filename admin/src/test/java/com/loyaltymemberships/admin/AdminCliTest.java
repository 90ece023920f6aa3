package com.loyaltymemberships.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TokenRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The command line end to end on a real engine, one fresh table per test: the tokens it prints are
 * checked through the real Lambda handlers, and what it stores through the table itself.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class AdminCliTest {

    private static final UUID CHAIN_A = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    private static final UUID CHAIN_B = UUID.fromString("5fcd1933-22f2-40b9-84da-7db04cbecec2");
    private static final UUID CHAIN_C = UUID.fromString("8a2b4f10-6c1d-4e53-9d3e-2f0a7b6c5d41");
    private static final Pattern TOKEN_FORMAT = Pattern.compile("[0-9A-F]{32}-[0-9A-F]{31}");

    private DynamoDbClient dynamoDb;
    private String endpoint;
    private String table;
    private Handlers handlers;

    @BeforeEach
    void freshTable(DynamoDbEngine engine, DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.endpoint = engine.endpoint().toString();
        this.table = TableNames.unique("admin");
        TableDefinition.createIfMissing(dynamoDb, table);
        this.handlers = new Handlers(dynamoDb, table);
    }

    /** The command line on this test's table and engine (us-east-1, where the test client made the table). */
    private CliRun admin(String... args) {
        return admin("", Map.of(), args);
    }

    /** {@link #admin(String...)} with {@code stdin} piped in and {@code env} as the environment. */
    private CliRun admin(String stdin, Map<String, String> env, String... args) {
        return CliRun.runWithStdin(
                stdin, env, with(args, "--table", table, "--endpoint", endpoint, "--region", "us-east-1"));
    }

    /** {@code tokens create} with the client token piped in, as the README shows it. */
    private CliRun create(String clientToken, String... options) {
        return admin(
                clientToken + "\n", Map.of(), with(new String[] {"tokens", "create", "--client-token-stdin"}, options));
    }

    /** {@code tokens revoke} of a token piped in. */
    private CliRun revoke(String token, String... options) {
        return admin(token + "\n", Map.of(), with(new String[] {"tokens", "revoke", "--token-stdin"}, options));
    }

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private String createClient() {
        return admin("tokens", "create-client", "--name", "Acme PMS")
                .assertStatus(0)
                .line("ClientToken");
    }

    private String createAccess(String clientToken, UUID... chains) {
        List<String> options = new ArrayList<>();
        for (UUID chain : chains) {
            options.addAll(List.of("--chain", chain.toString()));
        }
        return create(clientToken, options.toArray(String[]::new))
                .assertStatus(0)
                .line("AccessToken");
    }

    private static String shortHash(String token) {
        return TokenHash.of(token).substring(0, 16);
    }

    @Test
    void issuedTokensAuthenticateThroughTheHandlersWithTheChainsAskedFor() {
        String client = createClient();
        CliRun single = create(client, "--chain", CHAIN_A.toString().toUpperCase(Locale.ROOT), "--name", "Acme at A")
                .assertStatus(0);
        assertEquals(CHAIN_A + " (single enterprise)", single.line("Chains"), "GUIDs are stored lower-case");
        String singleToken = single.line("AccessToken");
        CliRun portfolio = create(client, "--chain", CHAIN_A.toString(), "--chain", CHAIN_B.toString())
                .assertStatus(0);
        assertEquals(
                CHAIN_A + "," + CHAIN_B + " (portfolio)",
                portfolio.line("Chains"),
                "several chains make a portfolio token");
        String portfolioToken = portfolio.line("AccessToken");
        String onePortfolioToken = create(client, "--chain", CHAIN_C.toString(), "--portfolio")
                .assertStatus(0)
                .line("AccessToken");

        assertEquals(200, handlers.getAll(client, singleToken).status());
        assertEquals(
                CHAIN_A.toString(),
                handlers.add(client, singleToken, Optional.empty())
                        .body()
                        .get("LoyaltyMemberships")
                        .get(0)
                        .get("ChainId")
                        .asText(),
                "a single-enterprise token writes its own chain");
        assertEquals(
                400, handlers.getAll(client, singleToken, List.of(CHAIN_B)).status(), "chain B is not in its scope");

        Handlers.Answer noChain = handlers.add(client, portfolioToken, Optional.empty());
        assertEquals(400, noChain.status());
        assertTrue(
                noChain.body().get("Message").asText().contains("ChainId"),
                noChain.body().toString());
        assertEquals(
                200, handlers.add(client, portfolioToken, Optional.of(CHAIN_B)).status());
        Handlers.Answer all = handlers.getAll(client, portfolioToken);
        assertEquals(200, all.status());
        assertEquals(
                Set.of(CHAIN_A.toString(), CHAIN_B.toString()), all.chains(), "the portfolio token reads both chains");
        assertEquals(
                Set.of(CHAIN_A.toString()), handlers.getAll(client, singleToken).chains());

        assertEquals(
                400,
                handlers.add(client, onePortfolioToken, Optional.empty()).status(),
                "--portfolio with one chain needs ChainId");
        assertEquals(
                200,
                handlers.add(client, onePortfolioToken, Optional.of(CHAIN_C)).status());
        assertEquals(
                Set.of(CHAIN_C.toString()),
                handlers.getAll(client, onePortfolioToken).chains());
    }

    @Test
    void createPrintsTheNewTokenExactlyOnceAndStoresOnlyItsHash() {
        CliRun clientRun = admin("tokens", "create-client").assertStatus(0);
        String client = clientRun.line("ClientToken");
        CliRun accessRun = create(client, "--chain", CHAIN_A.toString()).assertStatus(0);
        String access = accessRun.line("AccessToken");

        for (String token : List.of(client, access)) {
            assertTrue(TOKEN_FORMAT.matcher(token).matches(), token);
        }
        assertEquals(1, occurrences(clientRun.out(), client), clientRun.out());
        assertEquals(1, occurrences(accessRun.out(), access), accessRun.out());
        assertEquals(0, occurrences(accessRun.out(), client), "the client token given is not echoed");
        assertEquals("", clientRun.err() + accessRun.err());
        assertEquals(shortHash(client), clientRun.line("Hash prefix"));
        assertEquals(shortHash(access), accessRun.line("Hash prefix"));
        assertNotEquals(client, admin("tokens", "create-client").assertStatus(0).line("ClientToken"));

        List<Map<String, AttributeValue>> items =
                dynamoDb.scan(b -> b.tableName(table)).items();
        assertEquals(6, items.size(), "three tokens, each with its line in the token directory");
        for (Map<String, AttributeValue> item : items) {
            String stored = item.toString();
            assertFalse(stored.contains(client) || stored.contains(access), "a secret was stored: " + stored);
        }
        TokenRepository tokens = new TokenRepository(new DynamoDbTables(dynamoDb, table));
        AccessToken stored = tokens.accessTokens(TokenHash.of(access)).get(0);
        assertEquals(TokenHash.of(client), stored.clientTokenHash());
        assertEquals(List.of(CHAIN_A), stored.chainIds());
        assertFalse(stored.portfolio());
    }

    @Test
    void listShowsTokensByKindPrefixAndChainButNeverASecret() {
        String client = createClient();
        String single = createAccess(client, CHAIN_A);
        String portfolio = createAccess(client, CHAIN_A, CHAIN_B);
        List<String> secrets = List.of(client, single, portfolio);

        CliRun all = admin("tokens", "list").assertStatus(0);
        List<String> lines = all.out().lines().toList();
        assertEquals(4, lines.size(), all.out());
        assertTrue(lines.get(0).startsWith("KIND"), "a header first");
        assertEquals(
                List.of("client", shortHash(client), "Acme", "PMS", "-", "-"),
                List.of(lines.get(1).split(" +")).subList(0, 6));
        assertTrue(lines.get(1).endsWith("active"), lines.get(1));
        String portfolioLine = lines.stream()
                .filter(l -> l.contains(shortHash(portfolio)))
                .findFirst()
                .orElseThrow();
        assertTrue(
                portfolioLine.matches(
                        "access +" + shortHash(portfolio) + " +- +" + CHAIN_A + "," + CHAIN_B + " +yes +\\S+Z +active"),
                portfolioLine);

        CliRun byPrefix = admin(
                        "tokens",
                        "list",
                        "--prefix",
                        shortHash(portfolio).substring(0, 12).toUpperCase(Locale.ROOT))
                .assertStatus(0);
        assertEquals(2, byPrefix.out().lines().count(), byPrefix.out());
        assertTrue(byPrefix.out().contains(shortHash(portfolio)));

        CliRun byChainB = admin("tokens", "list", "--chain", CHAIN_B.toString()).assertStatus(0);
        assertEquals(2, byChainB.out().lines().count(), byChainB.out());
        assertTrue(byChainB.out().contains(shortHash(portfolio)));
        CliRun byChainA = admin("tokens", "list", "--chain", CHAIN_A.toString()).assertStatus(0);
        assertEquals(3, byChainA.out().lines().count(), byChainA.out());
        assertFalse(byChainA.out().contains(shortHash(client)), "client tokens cover no chain");
        assertEquals(
                "No tokens match.\n",
                admin("tokens", "list", "--chain", CHAIN_C.toString())
                        .assertStatus(0)
                        .out());

        CliRun clients = admin("tokens", "list", "--kind", "client").assertStatus(0);
        assertEquals(2, clients.out().lines().count(), clients.out());
        assertTrue(clients.out().contains(shortHash(client)));
        assertEquals(
                3,
                admin("tokens", "list", "--kind", "access")
                        .assertStatus(0)
                        .out()
                        .lines()
                        .count());

        for (CliRun run : List.of(all, byPrefix, byChainA, byChainB, clients)) {
            assertNoSecret(secrets, run);
        }
    }

    @Test
    void revokeByHashPrefixRefusesTheTokenAtOnce() {
        String client = createClient();
        CliRun created = create(client, "--chain", CHAIN_A.toString(), "--name", "Door 1")
                .assertStatus(0);
        String access = created.line("AccessToken");
        String other = createAccess(client, CHAIN_A);
        assertEquals(200, handlers.getAll(client, access).status());

        CliRun revoked = admin(
                        "tokens",
                        "revoke",
                        "--hash",
                        created.line("Hash prefix").substring(0, 10))
                .assertStatus(0);
        assertTrue(
                revoked.out().startsWith("Revoked access token " + shortHash(access) + " (Door 1) at "), revoked.out());
        assertEquals(401, handlers.getAll(client, access).status());
        assertEquals(200, handlers.getAll(client, other).status(), "only that token is revoked");
        String listed = admin("tokens", "list", "--prefix", shortHash(access))
                .assertStatus(0)
                .out();
        assertTrue(listed.lines().skip(1).findFirst().orElseThrow().contains(" revoked 20"), listed);

        CliRun again = admin("tokens", "revoke", "--hash", shortHash(access)).assertStatus(2);
        assertTrue(again.err().contains("access token " + shortHash(access) + " is revoked already"), again.err());
    }

    @Test
    void revokeByTokenAndRevokingAClientTokenStopsItsAccessTokens() {
        String client = createClient();
        String first = createAccess(client, CHAIN_A);
        String second = createAccess(client, CHAIN_B);

        CliRun byToken = revoke(first).assertStatus(0);
        assertTrue(byToken.out().startsWith("Revoked access token " + shortHash(first) + " at "), byToken.out());
        assertFalse(byToken.out().contains(first), "the secret is not echoed");
        assertEquals(401, handlers.getAll(client, first).status());
        assertEquals(200, handlers.getAll(client, second).status());

        assertEquals(2, revoke(client, "--kind", "access").status(), "it is not an access token");
        CliRun revokedClient = revoke(client).assertStatus(0);
        assertTrue(
                revokedClient.out().startsWith("Revoked client token " + shortHash(client) + " (Acme PMS) at "),
                revokedClient.out());
        assertEquals(401, handlers.getAll(client, second).status(), "a revoked client token stops its access tokens");

        CliRun unknown = revoke(new TokenGenerator().next()).assertStatus(2);
        assertTrue(unknown.err().contains("No token has the value given."), unknown.err());
    }

    @Test
    void aHashPrefixMatchingNoTokenOrSeveralIsRefused() {
        TokenRepository tokens = new TokenRepository(new DynamoDbTables(dynamoDb, table));
        Instant now = Instant.now();
        String clientHash = "ab56" + "0".repeat(60);
        tokens.create(new ClientToken(clientHash, "c", now, Optional.empty()));
        tokens.create(new AccessToken(
                "ab12" + "0".repeat(60), clientHash, List.of(CHAIN_A), false, "a1", now, Optional.empty()));
        tokens.create(new AccessToken(
                "ab34" + "0".repeat(60), clientHash, List.of(CHAIN_A), false, "a2", now, Optional.empty()));

        CliRun ambiguous = admin("tokens", "revoke", "--hash", "ab").assertStatus(2);
        assertTrue(
                ambiguous
                        .err()
                        .startsWith(
                                "Refused: 3 tokens' hashes start with ab (client ab56000000000000, access ab12000000000000,"
                                        + " access ab34000000000000); give a longer prefix or the kind."),
                ambiguous.err());
        CliRun ambiguousAccess =
                admin("tokens", "revoke", "--hash", "ab", "--kind", "access").assertStatus(2);
        assertTrue(ambiguousAccess.err().contains("2 tokens' hashes start with ab"), ambiguousAccess.err());
        CliRun wrongKind =
                admin("tokens", "revoke", "--hash", "ab56", "--kind", "access").assertStatus(2);
        assertTrue(wrongKind.err().contains("No access token's hash starts with ab56."), wrongKind.err());
        CliRun none = admin("tokens", "revoke", "--hash", "ff").assertStatus(2);
        assertTrue(none.err().contains("No token's hash starts with ff."), none.err());
        assertTrue(tokens.accessTokens("ab").stream().allMatch(AccessToken::isActive), "nothing was revoked");

        admin("tokens", "revoke", "--hash", "AB12").assertStatus(0);
        assertFalse(tokens.accessTokens("ab12").get(0).isActive());
        assertTrue(tokens.accessTokens("ab34").get(0).isActive());
        assertTrue(tokens.clientTokens("ab56").get(0).isActive());
    }

    @Test
    void anAccessTokenNeedsAKnownActiveClientToken() {
        CliRun unknown = create(new TokenGenerator().next(), "--chain", CHAIN_A.toString())
                .assertStatus(2);
        assertTrue(unknown.err().startsWith("Refused: No client token has the value given"), unknown.err());
        String client = createClient();
        create(TokenHash.of(client), "--chain", CHAIN_A.toString()).assertStatus(2);

        revoke(client).assertStatus(0);
        CliRun revoked = create(client, "--chain", CHAIN_A.toString()).assertStatus(2);
        assertTrue(revoked.err().contains("The client token " + shortHash(client) + " was revoked at "), revoked.err());
        assertEquals("", unknown.out() + revoked.out(), "no token is printed");
        assertEquals(
                "No tokens match.\n",
                admin("tokens", "list", "--kind", "access").assertStatus(0).out(),
                "none was stored");
    }

    @Test
    void aMissingTableIsExplainedAndCreatedOnlyWhenAsked() {
        table = TableNames.unique("admin-missing");
        for (String[] args :
                List.of(new String[] {"tokens", "list"}, new String[] {"tokens", "create-client"}, new String[] {
                    "tokens", "revoke", "--hash", "ab"
                })) {
            CliRun run = admin(args).assertStatus(1);
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("Table " + table + " not found in us-east-1 at " + endpoint), run.err());
            assertTrue(run.err().contains("template.yaml") && run.err().contains("--create-table"), run.err());
            assertEquals("", run.out());
        }
        String client = admin("tokens", "create-client", "--create-table")
                .assertStatus(0)
                .line("ClientToken");
        String access = createAccess(client, CHAIN_A);
        assertEquals(200, new Handlers(dynamoDb, table).getAll(client, access).status());
        admin("tokens", "create-client", "--create-table").assertStatus(0);
        assertEquals(
                4,
                admin("tokens", "list").assertStatus(0).out().lines().count(),
                "--create-table keeps an existing table");
    }

    @Test
    void anUnreachableEndpointIsOneLineAndStatus1() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + closedPort;
        CliRun run = admin("tokens", "list").assertStatus(1);
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("DynamoDB request failed: "), run.err());
    }

    @Test
    void aTokenOnStdinIsItsFirstLineWithoutSurroundingSpaces() {
        String client = createClient();
        CliRun created = admin(
                        "  " + client + " \r\nnot read\n",
                        Map.of(),
                        "tokens",
                        "create",
                        "--client-token-stdin",
                        "--chain",
                        CHAIN_A.toString())
                .assertStatus(0);
        String access = created.line("AccessToken");
        assertEquals(200, handlers.getAll(client, access).status());

        CliRun revoked = admin("\t" + access, Map.of(), "tokens", "revoke", "--token-stdin")
                .assertStatus(0);
        assertEquals(401, handlers.getAll(client, access).status(), "a last line without a newline is read too");
        assertNoSecret(List.of(client), created);
        assertNoSecret(List.of(client, access), revoked);
    }

    @Test
    void tokensComeFromTheEnvironmentVariablesNamed() {
        String client = createClient();
        CliRun created = admin(
                        "",
                        Map.of("LOYALTY_CLIENT_TOKEN", " " + client + "\n"),
                        "tokens",
                        "create",
                        "--client-token-env",
                        "LOYALTY_CLIENT_TOKEN",
                        "--chain",
                        CHAIN_B.toString())
                .assertStatus(0);
        String access = created.line("AccessToken");
        assertEquals(CHAIN_B + " (single enterprise)", created.line("Chains"));
        assertEquals(200, handlers.add(client, access, Optional.empty()).status());

        CliRun revoked = admin("", Map.of("LOYALTY_TOKEN", access), "tokens", "revoke", "--token-env", "LOYALTY_TOKEN")
                .assertStatus(0);
        assertTrue(revoked.out().startsWith("Revoked access token " + shortHash(access) + " at "), revoked.out());
        assertEquals(401, handlers.getAll(client, access).status());
        assertNoSecret(List.of(client), created);
        assertNoSecret(List.of(client, access), revoked);
    }

    @Test
    void theDefaultsComeFromTheEnvironmentAndOptionsWin() {
        Map<String, String> env = Map.of("DYNAMODB_ENDPOINT", endpoint, "TABLE_NAME", table, "AWS_REGION", "us-east-1");
        String client =
                CliRun.run(env, "tokens", "create-client").assertStatus(0).line("ClientToken");
        assertEquals(
                1,
                new TokenRepository(new DynamoDbTables(dynamoDb, table))
                        .clientTokens(TokenHash.of(client))
                        .size());

        Map<String, String> elsewhere =
                Map.of("DYNAMODB_ENDPOINT", endpoint, "TABLE_NAME", "NoSuchTable", "AWS_REGION", "eu-west-1");
        CliRun listed = CliRun.run(elsewhere, "tokens", "list", "--table", table, "--region", "us-east-1")
                .assertStatus(0);
        assertTrue(listed.out().contains(shortHash(client)), listed.out());
        CliRun missing = CliRun.run(elsewhere, "tokens", "list").assertStatus(1);
        assertTrue(missing.err().startsWith("Table NoSuchTable not found in eu-west-1"), missing.err());
    }

    /** Neither stdout nor stderr of {@code run} shows any of {@code secrets}. */
    private static void assertNoSecret(List<String> secrets, CliRun run) {
        for (String secret : secrets) {
            assertFalse(
                    run.out().contains(secret) || run.err().contains(secret),
                    "a secret was echoed:\n" + run.out() + run.err());
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
