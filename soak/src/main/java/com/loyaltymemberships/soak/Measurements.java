package com.loyaltymemberships.soak;

import com.loyaltymemberships.pipeline.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Latency and outcome (the status, or a client timeout) of every request, per operation; shared by all clients. */
final class Measurements {

    static final String CLIENT_TIMEOUT = "client timeout";

    /** One operation's figures: requests sent, latency percentiles of the answered ones in ms, count per outcome. */
    record Summary(
            Operation<?, ?> operation,
            int requests,
            double p50,
            double p99,
            double max,
            SortedMap<String, Integer> outcomes) {}

    private final Map<Operation<?, ?>, List<Long>> nanos = new LinkedHashMap<>();
    private final Map<Operation<?, ?>, SortedMap<String, Integer>> outcomes = new LinkedHashMap<>();

    synchronized void answered(Operation<?, ?> operation, int status, long elapsedNanos) {
        nanos.computeIfAbsent(operation, o -> new ArrayList<>()).add(elapsedNanos);
        outcomes.computeIfAbsent(operation, o -> new TreeMap<>()).merge(Integer.toString(status), 1, Integer::sum);
    }

    /** The client stopped waiting (a simulated lost answer): not a latency of the API. */
    synchronized void timedOut(Operation<?, ?> operation) {
        outcomes.computeIfAbsent(operation, o -> new TreeMap<>()).merge(CLIENT_TIMEOUT, 1, Integer::sum);
    }

    synchronized Summary summary(Operation<?, ?> operation) {
        List<Long> sorted = new ArrayList<>(nanos.getOrDefault(operation, List.of()));
        sorted.sort(null);
        SortedMap<String, Integer> counts = new TreeMap<>(outcomes.getOrDefault(operation, new TreeMap<>()));
        int requests = counts.values().stream().mapToInt(Integer::intValue).sum();
        return new Summary(
                operation,
                requests,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6,
                counts);
    }

    synchronized int requests() {
        return outcomes.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Answers with a 5xx status, of every operation. */
    synchronized int serverErrors() {
        return outcomes.values().stream()
                .flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey().startsWith("5"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** Nearest rank, in ms. */
    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }
}
