package com.loyaltymemberships.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The two ways times are written: to clients at the second, and into keys at the millisecond. */
public final class Timestamps {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** {@code YYYY-MM-DDThh:mm:ssZ}, the contract's format for ExpirationDate. */
    public static String toSeconds(Instant instant) {
        return written(instant, false);
    }

    /** Fixed width and UTC, so that string order is time order (years 0001 to 9999). */
    public static String toMillis(Instant instant) {
        return written(instant, true);
    }

    /**
     * What the formatter writes, written field by field for years 0000 to 9999: a membership item is written with three
     * or four of these, and the formatter took several times as long. Other years (a sign, more digits) go to it.
     */
    private static String written(Instant instant, boolean millis) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return (millis ? MILLIS : SECONDS).format(instant);
        }
        StringBuilder text = new StringBuilder(24);
        padded(text, utc.getYear(), 4).append('-');
        padded(text, utc.getMonthValue(), 2).append('-');
        padded(text, utc.getDayOfMonth(), 2).append('T');
        padded(text, utc.getHour(), 2).append(':');
        padded(text, utc.getMinute(), 2).append(':');
        padded(text, utc.getSecond(), 2);
        if (millis) {
            padded(text.append('.'), utc.getNano() / 1_000_000, 3);
        }
        return text.append('Z').toString();
    }

    private static StringBuilder padded(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /**
     * A stored time: what {@link #toMillis} or {@link #toSeconds} wrote. Those two shapes are read field by field, as
     * every item of every page has two or three of them and {@link Instant#parse} (a general ISO 8601 parser) took about
     * half the time of mapping an item; any other text goes to {@link Instant#parse}.
     */
    public static Instant parse(String text) {
        boolean millis = text.length() == 24 && text.charAt(19) == '.';
        if ((millis || text.length() == 20)
                && text.charAt(text.length() - 1) == 'Z'
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int milli = millis ? digits(text, 20, 3) : 0;
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && milli >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second, milli * 1_000_000)
                            .toInstant(ZoneOffset.UTC);
                } catch (DateTimeException notADateAndTime) {
                    // Instant.parse below says why.
                }
            }
        }
        return Instant.parse(text);
    }

    /** The number written with {@code count} ASCII digits at {@code from}, or -1 if any of them is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Times are stored and compared at the millisecond (SPEC §4: "at the precision stored"). */
    public static Instant atStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
