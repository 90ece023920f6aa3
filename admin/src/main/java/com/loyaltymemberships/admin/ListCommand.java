package com.loyaltymemberships.admin;

import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokens list}: the tokens by hash, never a secret. */
@Command(
        name = "list",
        customSynopsis =
                "java -jar loyalty-admin.jar tokens list [--kind client|access] [--prefix HEX] [--chain X] [options]",
        description = {
            "Lists tokens by hash, never a secret: those whose hash starts with HEX; with --chain, only the access"
                    + " tokens covering chain X."
        })
final class ListCommand extends TokenCommand {

    @Option(
            names = "--kind",
            paramLabel = "client|access",
            description = "Only the client tokens, or only the access tokens.")
    private String kind;

    @Option(
            names = "--prefix",
            paramLabel = "HEX",
            description = "Only the tokens whose hash starts with HEX (hex digits, any case).")
    private String prefix;

    /** May be given again, as --chain always could for every command; list keeps to the first. */
    @Option(names = "--chain", paramLabel = "X", description = "Only the access tokens covering chain X (a GUID).")
    private List<String> chains = List.of();

    @Override
    Action prepare(AdminCli.Inputs inputs) {
        Optional<Kind> kind = kind(this.kind);
        String prefix = Optional.ofNullable(this.prefix)
                .map(value -> hashPrefix("--prefix", value))
                .orElse("");
        Optional<UUID> chain = chains.stream().findFirst().map(TokenCommand::chain);
        if (kind.equals(Optional.of(Kind.CLIENT)) && chain.isPresent()) {
            throw new UsageException("--chain selects access tokens; client tokens cover no chain.");
        }
        return session -> printList(session.out(), session.admin().list(kind, prefix, chain));
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
            rows.add(List.of(
                    token.label(),
                    token.shortHash(),
                    token.name().isEmpty() ? "-" : token.name(),
                    access ? chains(token) : "-",
                    access ? (token.portfolio() ? "yes" : "no") : "-",
                    token.createdUtc().toString(),
                    token.revokedUtc().map(at -> "revoked " + at).orElse("active")));
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
}
