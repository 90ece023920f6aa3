package com.loyaltymemberships.admin;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tokens}, the one command group: its help is the tool's ({@link AdminCli#USAGE}). */
@Command(
        name = "tokens",
        subcommands = {CreateClientCommand.class, CreateCommand.class, ListCommand.class, RevokeCommand.class})
final class TokensCommand implements Callable<Integer> {

    @ParentCommand
    private AdminCli cli;

    @Mixin
    private HelpOptions helpOptions;

    /** Never filled: an argument that names no command goes to {@link AdminCli.Stray}, which refuses it. */
    @Parameters(hidden = true, parameterConsumer = AdminCli.Stray.class)
    private List<String> strays;

    AdminCli cli() {
        return cli;
    }

    @Override
    public Integer call() {
        throw new UsageException("A command is required after 'tokens'.");
    }
}
