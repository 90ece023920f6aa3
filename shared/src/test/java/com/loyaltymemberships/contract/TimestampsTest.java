package com.loyaltymemberships.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
            Instant instant = Instant.ofEpochSecond(FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000_000));
            String millis = Timestamps.toMillis(instant);
            String seconds = Timestamps.toSeconds(instant);
            assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), Timestamps.parse(millis), millis);
            assertEquals(Instant.parse(millis), Timestamps.parse(millis), millis);
            assertEquals(instant.truncatedTo(ChronoUnit.SECONDS), Timestamps.parse(seconds), seconds);
            assertEquals(Instant.parse(seconds), Timestamps.parse(seconds), seconds);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-10-15T00:00:00.5Z", "2022-10-15T00:00:00.123456Z", "2022-10-15T23:59:60Z", "2022-10-15T24:00:00Z",
        "2022-10-15T00:00:00+01:00", "+10000-01-01T00:00:00Z"})
    void takesAnyOtherInstantAsInstantParseDoes(String text) {
        assertEquals(Instant.parse(text), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-02-30T00:00:00Z", "2022-13-01T00:00:00.000Z", "2022-10-15T25:00:00Z", "2022-10-15T00:60:00Z",
        "2022-10-1xT00:00:00Z", "2022-10-15 00:00:00Z", ""})
    void refusesWhatInstantParseRefuses(String text) {
        assertThrows(DateTimeException.class, () -> Instant.parse(text));
        assertThrows(DateTimeException.class, () -> Timestamps.parse(text));
    }
}
