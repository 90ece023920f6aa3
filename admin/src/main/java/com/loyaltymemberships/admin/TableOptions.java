package com.loyaltymemberships.admin;

import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.pipeline.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --table}, {@code --region} and {@code --endpoint}, which every command takes (a picocli mixin), and
 * their defaults from the environment. Listed after each command's own options (order 100 and on).
 */
final class TableOptions {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    @Option(
            names = "--table",
            paramLabel = "T",
            order = 100,
            description = "DynamoDB table (default: $TABLE_NAME, else LoyaltyMemberships).")
    private String table;

    @Option(
            names = "--region",
            paramLabel = "R",
            order = 101,
            description = {"AWS region (default: $AWS_REGION, else $AWS_DEFAULT_REGION,", "else us-east-1)."})
    private String region;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            order = 102,
            description = "Endpoint of a local engine (default: $DYNAMODB_ENDPOINT, else AWS).")
    private String endpoint;

    /** The settings the options give, else the environment's, else the defaults; each value checked. */
    Settings settings(Map<String, String> env) {
        return new Settings(
                setting(table, "--table", env, "TABLE_NAME")
                        .map(v -> tableName(v.source(), v.value()))
                        .orElse(Settings.DEFAULT_TABLE_NAME),
                setting(region, "--region", env, "AWS_REGION", "AWS_DEFAULT_REGION")
                        .map(v -> region(v.source(), v.value()))
                        .orElse("us-east-1"),
                setting(endpoint, "--endpoint", env, "DYNAMODB_ENDPOINT").map(v -> endpoint(v.source(), v.value())),
                Settings.DEFAULT_RATE_LIMIT,
                Settings.DEFAULT_RATE_WINDOW_SECONDS,
                // The admin tool reads no index.
                IndexSet.KEYS_ONLY);
    }

    private record Sourced(String source, String value) {}

    /** The option if given, else the first of {@code variables} that is set and not blank. */
    private static Optional<Sourced> setting(
            String given, String option, Map<String, String> env, String... variables) {
        Optional<Sourced> setting = Optional.ofNullable(given).map(value -> new Sourced(option, value));
        for (String variable : variables) {
            setting = setting.or(() -> Optional.ofNullable(env.get(variable))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .map(value -> new Sourced("$" + variable, value)));
        }
        return setting;
    }

    private static String tableName(String source, String value) {
        if (!TABLE_NAME.matcher(value).matches()) {
            throw new UsageException(
                    source + " must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), not '" + value + "'.");
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
            if (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    && endpoint.getHost() != null) {
                return endpoint;
            }
        } catch (URISyntaxException invalid) {
            // Reported below, like a URL of the wrong kind.
        }
        throw new UsageException(
                source + " must be an http(s) URL such as http://127.0.0.1:8000, not '" + value + "'.");
    }
}
