package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.access.RateLimit;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Runtime configuration. Read from environment variables; a JVM system property of the same name wins,
 * which lets the local server and tests point handlers at an engine started in-process.
 *
 * @param tableName            {@code TABLE_NAME}: the single DynamoDB table
 * @param region               {@code AWS_REGION}
 * @param dynamoDbEndpoint     {@code DYNAMODB_ENDPOINT}: a local engine instead of AWS
 * @param rateLimit            {@code RATE_LIMIT_REQUESTS} per access token ({@code 0} switches it off)
 * @param rateWindowSeconds    {@code RATE_LIMIT_WINDOW_SECONDS}
 * @param readIndexes          {@code READ_INDEXES}: which set of indexes getAll reads, {@code keys-only} (the default)
 *                             or {@code legacy} while a table is upgraded (README, "Upgrading to KEYS_ONLY indexes")
 */
public record Settings(
        String tableName,
        String region,
        Optional<URI> dynamoDbEndpoint,
        int rateLimit,
        int rateWindowSeconds,
        IndexSet readIndexes) {

    public static final String DEFAULT_TABLE_NAME = "LoyaltyMemberships";
    public static final int DEFAULT_RATE_LIMIT = 200;
    public static final int DEFAULT_RATE_WINDOW_SECONDS = 30;
    /** Each request logs one time per allowed request on the token's item (about 9 bytes each, 400 KB at most). */
    public static final int MAX_RATE_LIMIT = 10_000;

    public Settings {
        if (rateLimit < 0 || rateLimit > MAX_RATE_LIMIT || rateWindowSeconds < 1) {
            throw new IllegalArgumentException("RATE_LIMIT_REQUESTS must be from 0 to " + MAX_RATE_LIMIT
                    + " and RATE_LIMIT_WINDOW_SECONDS at least 1");
        }
    }

    public static Settings fromEnvironment() {
        return from(name -> Optional.ofNullable(System.getProperty(name)).orElse(System.getenv(name)));
    }

    static Settings from(UnaryOperator<String> source) {
        return new Settings(
                value(source, "TABLE_NAME").orElse(DEFAULT_TABLE_NAME),
                value(source, "AWS_REGION")
                        .or(() -> value(source, "AWS_DEFAULT_REGION"))
                        .orElse("us-east-1"),
                value(source, "DYNAMODB_ENDPOINT").map(URI::create),
                value(source, "RATE_LIMIT_REQUESTS").map(Integer::parseInt).orElse(DEFAULT_RATE_LIMIT),
                value(source, "RATE_LIMIT_WINDOW_SECONDS")
                        .map(Integer::parseInt)
                        .orElse(DEFAULT_RATE_WINDOW_SECONDS),
                value(source, "READ_INDEXES").map(IndexSet::ofSetting).orElse(IndexSet.KEYS_ONLY));
    }

    private static Optional<String> value(UnaryOperator<String> source, String name) {
        return Optional.ofNullable(source.apply(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The rate limit, unless {@code RATE_LIMIT_REQUESTS} is 0. */
    public Optional<RateLimit> rateLimitPolicy() {
        return rateLimit > 0 ? Optional.of(new RateLimit(rateLimit, rateWindowSeconds)) : Optional.empty();
    }

    public Settings withTableName(String name) {
        return new Settings(name, region, dynamoDbEndpoint, rateLimit, rateWindowSeconds, readIndexes);
    }

    public Settings withRateLimit(int limit, int windowSeconds) {
        return new Settings(tableName, region, dynamoDbEndpoint, limit, windowSeconds, readIndexes);
    }

    public Settings withReadIndexes(IndexSet indexes) {
        return new Settings(tableName, region, dynamoDbEndpoint, rateLimit, rateWindowSeconds, indexes);
    }
}
