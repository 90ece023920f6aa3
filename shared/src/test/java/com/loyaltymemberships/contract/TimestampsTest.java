package com.loyaltymemberships.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void readsBackWhatItWrites() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000_000));
            String millis = Timestamps.toMillis(instant);
            String seconds = Timestamps.toSeconds(instant);
            assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), Timestamps.parse(millis), millis);
            assertEquals(Instant.parse(millis), Timestamps.parse(millis), millis);
            assertEquals(instant.truncatedTo(ChronoUnit.SECONDS), Timestamps.parse(seconds), seconds);
            assertEquals(Instant.parse(seconds), Timestamps.parse(seconds), seconds);
        }
    }

    @Test
    void writesWhatTheFormatterWrites() {
        DateTimeFormatter seconds =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
        DateTimeFormatter millis =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long until = Instant.parse("+10001-01-01T00:00:00Z").getEpochSecond();
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    from + (long) (random.nextDouble() * (until - from)), random.nextInt(1_000_000_000));
            assertEquals(seconds.format(instant), Timestamps.toSeconds(instant));
            assertEquals(millis.format(instant), Timestamps.toMillis(instant));
        }
        for (String text : List.of(
                "-0001-12-31T23:59:59.999Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z",
                "+10000-01-01T00:00:00Z")) {
            assertEquals(millis.format(Instant.parse(text)), Timestamps.toMillis(Instant.parse(text)), text);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2022-10-15T00:00:00.5Z",
                "2022-10-15T00:00:00.123456Z",
                "2022-10-15T23:59:60Z",
                "2022-10-15T24:00:00Z",
                "2022-10-15T00:00:00+01:00",
                "+10000-01-01T00:00:00Z"
            })
    void takesAnyOtherInstantAsInstantParseDoes(String text) {
        assertEquals(Instant.parse(text), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2022-02-30T00:00:00Z",
                "2022-13-01T00:00:00.000Z",
                "2022-10-15T25:00:00Z",
                "2022-10-15T00:60:00Z",
                "2022-10-1xT00:00:00Z",
                "2022-10-15 00:00:00Z",
                ""
            })
    void refusesWhatInstantParseRefuses(String text) {
        assertThrows(DateTimeException.class, () -> Instant.parse(text));
        assertThrows(DateTimeException.class, () -> Timestamps.parse(text));
    }
}
