package com.loyaltymemberships.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokens create-client}: a new client token, printed once. */
@Command(
        name = "create-client",
        customSynopsis = "java -jar loyalty-admin.jar tokens create-client [--name N] [--create-table] [options]",
        description = {
            "Creates a client token (one per integration) and prints it, once: the table keeps only its SHA-256 hash."
        })
final class CreateClientCommand extends TokenCommand {

    @Option(
            names = "--name",
            paramLabel = "N",
            description = "A name for the token, which list shows, e.g. the integration's.")
    private String name;

    @Option(
            names = "--create-table",
            description = "Create the table if missing, for local engines; on AWS the stack does.")
    private boolean createTable;

    @Override
    Action prepare(AdminCli.Inputs inputs) {
        String name = this.name == null ? "" : this.name;
        boolean createTable = this.createTable;
        return session -> {
            session.createTableIf(createTable);
            Issued issued = session.admin().createClient(name);
            printIssued(session.out(), "ClientToken", issued);
        };
    }
}
