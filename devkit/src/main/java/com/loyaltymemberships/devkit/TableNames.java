package com.loyaltymemberships.devkit;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Unique table names, so that tests sharing one engine isolate themselves by table. */
public final class TableNames {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int MAX_LENGTH = 255;
    // Tells this JVM's tables from those of another run sharing the same DYNAMODB_ENDPOINT.
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicLong COUNTER = new AtomicLong();

    private TableNames() {}

    /** {@code prefix-<run>-<n>}: unique per call, and a valid DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -). */
    public static String unique(String prefix) {
        if (!ALLOWED.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "A table name prefix needs one or more of A-Z a-z 0-9 _ . - : '" + prefix + "'");
        }
        String name = prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The prefix '" + prefix + "' is too long for a table name of at most "
                    + MAX_LENGTH + " characters");
        }
        return name;
    }
}
