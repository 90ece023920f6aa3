package com.loyaltymemberships.admin;

import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokens revoke}: one token, by the start of its hash or by the token itself (stdin or environment). */
@Command(
        name = "revoke",
        customSynopsis = {
            "java -jar loyalty-admin.jar tokens revoke (--hash PREFIX | --token-stdin | --token-env NAME)",
            "         [--kind client|access] [options]"
        },
        description = {
            "Revokes the one token whose hash starts with PREFIX, or the token given. Revoking a client token also"
                    + " stops every access token made for it."
        },
        footer = {
            TokenCommand.TOKENS_ARE_NOT_ARGUMENTS,
            "  printf '%%s\\n' \"$T\" | java -jar loyalty-admin.jar tokens revoke --token-stdin",
            "  export T; java -jar loyalty-admin.jar tokens revoke --token-env T",
            "",
            TokenCommand.EXIT_STATUS_LINE_1,
            TokenCommand.EXIT_STATUS_LINE_2
        })
final class RevokeCommand extends TokenCommand {

    @Option(
            names = "--hash",
            paramLabel = "PREFIX",
            description = "The start of the token's hash (hex digits, as list shows them).")
    private String hash;

    @Option(names = "--token-stdin", description = "Read the token from the first line of stdin (stripped).")
    private boolean tokenStdin;

    @Option(
            names = "--token-env",
            paramLabel = "NAME",
            description = "Read the token from the environment variable NAME (no $).")
    private String tokenEnv;

    @Option(
            names = "--kind",
            paramLabel = "client|access",
            description = "Only a client token, or only an access token.")
    private String kind;

    @Override
    Action prepare(AdminCli.Inputs inputs) {
        Optional<Kind> kind = kind(this.kind);
        Optional<String> prefix = Optional.ofNullable(hash).map(value -> hashPrefix("--hash", value));
        Optional<Secret.Source> tokenSource = Secret.TOKEN.source(tokenStdin, tokenEnv);
        if (prefix.isPresent() == tokenSource.isPresent()) {
            throw new UsageException(
                    "revoke needs either --hash PREFIX, or the token " + Secret.TOKEN.howToGive() + ".");
        }
        Optional<String> token = tokenSource.map(source -> source.read(inputs));
        return session -> {
            TokenInfo revoked = prefix.isPresent()
                    ? session.admin().revokeByHashPrefix(kind, prefix.get())
                    : session.admin().revokeToken(kind, token.get());
            session.out()
                    .println("Revoked " + revoked.label() + " token " + revoked.shortHash() + describeName(revoked)
                            + " at " + revoked.revokedUtc().get() + ".");
            if (revoked.kind() == Kind.CLIENT) {
                session.out().println("Every access token made for it is refused from now on too.");
            }
        };
    }

    private static String describeName(TokenInfo token) {
        return token.name().isEmpty() ? "" : " (" + token.name() + ")";
    }
}
