package com.loyaltymemberships.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.loyaltymemberships.access.RateLimit;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsAreTheContractsRateLimitOnTheDefaultTable() {
        Settings settings = Settings.from(name -> null);
        assertEquals("LoyaltyMemberships", settings.tableName());
        assertEquals("us-east-1", settings.region());
        assertEquals(Optional.empty(), settings.dynamoDbEndpoint());
        assertEquals(200, settings.rateLimit());
        assertEquals(30, settings.rateWindowSeconds());
        assertEquals(Optional.of(new RateLimit(200, 30)), settings.rateLimitPolicy());
        assertEquals(IndexSet.KEYS_ONLY, settings.readIndexes());
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = Map.of(
                "TABLE_NAME",
                "T",
                "AWS_REGION",
                "eu-west-1",
                "DYNAMODB_ENDPOINT",
                "http://127.0.0.1:4566",
                "RATE_LIMIT_REQUESTS",
                "0",
                "RATE_LIMIT_WINDOW_SECONDS",
                "60",
                "READ_INDEXES",
                "legacy");
        Settings settings = Settings.from(env::get);
        assertEquals("T", settings.tableName());
        assertEquals("eu-west-1", settings.region());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), settings.dynamoDbEndpoint());
        assertEquals(Optional.empty(), settings.rateLimitPolicy(), "0 switches the rate limit off");
        assertEquals(60, settings.rateWindowSeconds());
        assertEquals(IndexSet.LEGACY, settings.readIndexes());
        assertEquals(
                "eu-central-1",
                Settings.from(Map.of("AWS_DEFAULT_REGION", "eu-central-1")::get).region());
        assertThrows(
                IllegalArgumentException.class, () -> Settings.from(Map.of("RATE_LIMIT_WINDOW_SECONDS", "0")::get));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("READ_INDEXES", "all")::get));
    }
}
