package com.loyaltymemberships.logging;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One log line per recovery run that found abandoned writes (writes of several transactions whose owner is gone), in
 * CloudWatch Embedded Metric Format: AbandonedWrites (found), RecoveredWrites (made whole) and UnrecoveredWrites (whose
 * recovery failed: left for the next run), service-wide metrics with no dimension. A write that stays unrecovered run
 * after run is what template.yaml's alarm on UnrecoveredWrites catches. A run that finds nothing writes no line.
 */
public final class RecoveryLog {

    public static final String ABANDONED = "AbandonedWrites";
    public static final String RECOVERED = "RecoveredWrites";
    public static final String UNRECOVERED = "UnrecoveredWrites";

    private static final EmbeddedMetrics METRICS = new EmbeddedMetrics(List.of(), units());

    private final JsonLog log;
    private final Clock clock;

    public RecoveryLog(JsonLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param abandoned   writes found whose lease had ended
     * @param recovered   of those, the ones this run finished or released
     * @param unrecovered of those, the ones whose recovery failed (another recovery that took one over counts in neither)
     */
    public void record(int abandoned, int recovered, int unrecovered) {
        if (abandoned == 0) {
            return;
        }
        log.info("recovery run", line -> {
            line.put(ABANDONED, abandoned);
            line.put(RECOVERED, recovered);
            line.put(UNRECOVERED, unrecovered);
            METRICS.addTo(line, clock.millis());
        });
    }

    private static Map<String, String> units() {
        Map<String, String> units = new LinkedHashMap<>();
        units.put(ABANDONED, "Count");
        units.put(RECOVERED, "Count");
        units.put(UNRECOVERED, "Count");
        return units;
    }
}
