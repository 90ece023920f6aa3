package com.loyaltymemberships.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The events counted and the violations found while the clients ran; shared by all clients. */
final class Tally {

    /** Violations kept word for word; the rest are only counted. */
    private static final int KEPT = 25;

    private final Map<Event, LongAdder> events = new EnumMap<>(Event.class);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder violationCount = new LongAdder();
    private final LongSummaryStatistics retryAfters = new LongSummaryStatistics();

    Tally() {
        for (Event event : Event.values()) {
            events.put(event, new LongAdder());
        }
    }

    void count(Event event) {
        events.get(event).increment();
    }

    long total(Event event) {
        return events.get(event).sum();
    }

    /** The Retry-After of a 409 while the first request with the key still ran, in seconds. */
    void retryAfter(long seconds) {
        synchronized (retryAfters) {
            retryAfters.accept(seconds);
        }
    }

    LongSummaryStatistics retryAfters() {
        synchronized (retryAfters) {
            LongSummaryStatistics copy = new LongSummaryStatistics();
            copy.combine(retryAfters);
            return copy;
        }
    }

    /** Something the API answered that the contract or the ledger does not allow. */
    void violation(String what) {
        violationCount.increment();
        if (violations.size() < KEPT) {
            violations.add(what);
        }
    }

    long violationCount() {
        return violationCount.sum();
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }
}
