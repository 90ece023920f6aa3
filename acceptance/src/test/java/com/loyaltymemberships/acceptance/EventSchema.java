package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository's events.schema.json: the membership change event as a subscriber receives it (issue 15). */
final class EventSchema {

    static final Path FILE = Path.of(System.getProperty("project.root", ".."), "events.schema.json");

    private static final class Holder {
        static final EventSchema INSTANCE = new EventSchema();
    }

    private final JsonNode document;
    private final Schema schema;

    private EventSchema() {
        try {
            String json = Files.readString(FILE);
            this.document = TestApi.JSON.readTree(json);
            this.schema = SchemaRegistry.withDefaultDialect(
                            SpecificationVersion.DRAFT_2020_12,
                            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                    .formatAssertionsEnabled(true)
                                    .build()))
                    .getSchema(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    static EventSchema get() {
        return Holder.INSTANCE;
    }

    JsonNode document() {
        return document;
    }

    /** What makes {@code event} (an EventBridge delivery of a change event) break the schema; empty when nothing. */
    List<Error> validate(JsonNode event) {
        return schema.validate(event);
    }
}
