package com.loyaltymemberships.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The two ways times are written: to clients at the second, and into keys at the millisecond. */
public final class Timestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** {@code YYYY-MM-DDThh:mm:ssZ}, the contract's format for ExpirationDate. */
    public static String toSeconds(Instant instant) {
        return SECONDS.format(instant);
    }

    /** Fixed width and UTC, so that string order is time order (years 0001 to 9999). */
    public static String toMillis(Instant instant) {
        return MILLIS.format(instant);
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    /** Times are stored and compared at the millisecond (SPEC §4: "at the precision stored"). */
    public static Instant atStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
