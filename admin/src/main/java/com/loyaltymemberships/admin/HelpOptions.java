package com.loyaltymemberships.admin;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} and {@code -V, --version} of every command: picocli's mixinStandardHelpOptions, but
 * listed after the other options (the standard mixin's options would come first in an ordered list).
 */
final class HelpOptions {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            order = 200,
            description = "Show this help message and exit.")
    private boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            order = 201,
            description = "Print version information and exit.")
    private boolean version;
}
