package com.loyaltymemberships.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: the {@code _aws} directive that makes some top-level properties of a JSON log line
 * metrics, so that CloudWatch records them from the log with no call of ours. One instance per kind of line: its
 * namespace, its dimension keys (none for a service-wide metric) and its metrics with their units, the same on every
 * line of that kind.
 */
public final class EmbeddedMetrics {

    /** The namespace of every metric the service emits. */
    public static final String NAMESPACE = "LoyaltyMemberships";

    private final Map<String, Object> directive;

    /**
     * @param dimensions the dimension keys, each a top-level property of the line (empty: the metrics have no dimension)
     * @param units      the metric names, each a top-level number of the line, and their units ({@code Count},
     *                   {@code Milliseconds}), in the order they are declared
     */
    public EmbeddedMetrics(List<String> dimensions, Map<String, String> units) {
        Map<String, Object> declared = new LinkedHashMap<>();
        declared.put("Namespace", NAMESPACE);
        declared.put("Dimensions", List.of(List.copyOf(dimensions)));
        declared.put(
                "Metrics",
                units.entrySet().stream()
                        .map(e -> metric(e.getKey(), e.getValue()))
                        .toList());
        this.directive = Collections.unmodifiableMap(declared);
    }

    /** Adds the directive, stamped {@code timestampMillis}, to a line whose metric and dimension properties are already set. */
    public void addTo(Map<String, Object> line, long timestampMillis) {
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", timestampMillis);
        aws.put("CloudWatchMetrics", List.of(directive));
        line.put("_aws", aws);
    }

    private static Map<String, Object> metric(String name, String unit) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("Name", name);
        metric.put("Unit", unit);
        return Collections.unmodifiableMap(metric);
    }
}
