package com.loyaltymemberships.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokens create}: a new access token for a client token given on stdin or in the environment, printed once. */
@Command(
        name = "create",
        customSynopsis = {
            "java -jar loyalty-admin.jar tokens create (--client-token-stdin | --client-token-env NAME)",
            "         --chain X [--chain Y ...] [--portfolio] [--name N] [--create-table] [options]"
        },
        description = {
            "Creates an access token for an active client token over the chains X, Y, ... (GUIDs) and prints it,"
                    + " once. It is a portfolio token with --portfolio or with more than one chain."
        },
        footer = {
            TokenCommand.TOKENS_ARE_NOT_ARGUMENTS,
            "  printf '%%s\\n' \"$T\" | java -jar loyalty-admin.jar tokens create --client-token-stdin --chain X",
            "",
            TokenCommand.EXIT_STATUS_LINE_1,
            TokenCommand.EXIT_STATUS_LINE_2
        })
final class CreateCommand extends TokenCommand {

    @Option(
            names = "--client-token-stdin",
            description = "Read the client token from the first line of stdin (stripped).")
    private boolean clientTokenStdin;

    @Option(
            names = "--client-token-env",
            paramLabel = "NAME",
            description = "Read the client token from the environment variable NAME (no $).")
    private String clientTokenEnv;

    @Option(
            names = "--chain",
            paramLabel = "X",
            description = "A chain the token covers, by its Id (a GUID); repeat it for several.")
    private List<String> chains = List.of();

    @Option(names = "--portfolio", description = "A portfolio token even for one chain: requests then give ChainId.")
    private boolean portfolio;

    @Option(
            names = "--name",
            paramLabel = "N",
            description = "A name for the token, which list shows, e.g. the property's.")
    private String name;

    @Option(
            names = "--create-table",
            description = "Create the table if missing, for local engines; on AWS the stack does.")
    private boolean createTable;

    @Override
    Action prepare(AdminCli.Inputs inputs) {
        Secret.Source clientTokenSource = Secret.CLIENT_TOKEN
                .source(clientTokenStdin, clientTokenEnv)
                .orElseThrow(() -> new UsageException("create needs the client token the access token is for, "
                        + Secret.CLIENT_TOKEN.howToGive() + "."));
        List<UUID> chainIds = new ArrayList<>();
        for (String value : chains) {
            UUID chain = chain(value);
            if (chainIds.contains(chain)) {
                throw new UsageException("--chain " + chain + " is given twice.");
            }
            chainIds.add(chain);
        }
        if (chainIds.isEmpty()) {
            throw new UsageException("create needs at least one --chain.");
        }
        boolean portfolio = this.portfolio;
        String name = this.name == null ? "" : this.name;
        boolean createTable = this.createTable;
        String clientToken = clientTokenSource.read(inputs);
        return session -> {
            session.createTableIf(createTable);
            Issued issued = session.admin().createAccess(clientToken, chainIds, portfolio, name);
            printIssued(session.out(), "AccessToken", issued);
        };
    }
}
