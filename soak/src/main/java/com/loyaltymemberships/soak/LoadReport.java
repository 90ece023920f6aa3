package com.loyaltymemberships.soak;

import com.loyaltymemberships.devkit.results.Machine;
import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.stream.Collectors;

/** A load run's results.md: context, latency and statuses per operation, what was counted, the verdict. */
final class LoadReport {

    private LoadReport() {}

    static void write(LoadResult result, Markdown report) {
        LoadRun.Options options = result.options();
        Measurements measurements = result.measurements();
        double seconds = result.took().toMillis() / 1000.0;
        report.paragraph("# Load run: the local jar under concurrent clients, checked against their ledger");
        report.paragraph(String.join(
                "\n",
                "- Date: " + Machine.now(),
                "- Machine: " + Machine.description("load run"),
                "- Java: " + Machine.java("load run"),
                "- Server: `java -jar local/target/loyalty-local.jar` in its own process, RATE_LIMIT_REQUESTS=0; engine: "
                        + result.engine()
                        + " (the local engine serializes requests, as DynamoDB isolates transactions and conditional writes)",
                String.format(
                        Locale.ROOT,
                        "- %d clients, %,d requests asked, **%,d sent in %.0f s** (%.0f requests/s), seed %d; %d racers"
                                + " × %d shared rounds. Latency: from sending to the whole answer, at the client; the server and the engine"
                                + " share the machine's cores with the clients.",
                        options.clients(),
                        options.requests(),
                        measurements.requests(),
                        seconds,
                        measurements.requests() / seconds,
                        options.seed(),
                        result.racers(),
                        result.rounds())));
        List<List<String>> rows = new ArrayList<>();
        for (Operation<?, ?> operation : Operations.ALL) {
            Measurements.Summary summary = measurements.summary(operation);
            rows.add(List.of(
                    operation.operationName(),
                    String.format(Locale.ROOT, "%,d", summary.requests()),
                    ms(summary.p50()),
                    ms(summary.p99()),
                    ms(summary.max()),
                    summary.outcomes().entrySet().stream()
                            .map(e -> e.getKey() + ": " + String.format(Locale.ROOT, "%,d", e.getValue()))
                            .collect(Collectors.joining(", "))));
        }
        report.table(List.of("operation", "requests", "p50", "p99", "max", "statuses"), rows);
        report.paragraph("**5xx: " + measurements.serverErrors() + ".**");

        List<List<String>> counted = new ArrayList<>();
        for (Event event : Event.values()) {
            counted.add(List.of(
                    event.description(),
                    String.format(Locale.ROOT, "%,d", result.tally().total(event))));
        }
        report.table(List.of("Idempotency-Key retries, races and checked reads", "count"), counted);
        LongSummaryStatistics retryAfters = result.tally().retryAfters();
        if (retryAfters.getCount() > 0) {
            String range = retryAfters.getMin() == retryAfters.getMax()
                    ? Long.toString(retryAfters.getMax())
                    : retryAfters.getMin() + " to " + retryAfters.getMax();
            report.paragraph(
                    "The Retry-After of a 409 while the first request with the key ran was " + range
                            + " s (the end of the"
                            + " first request's lease); the client asked again after 20 ms, 40 ms, ... (at most 500 ms) instead.");
        }

        StoreCheck.Verdict verdict = result.verdict();
        report.paragraph(String.format(
                Locale.ROOT,
                "Ledger check: **%s**. The ledger holds %,d memberships (%,d deleted) on %d accounts"
                        + " in 3 chains, %d of them with a primary; the store was read through the API three ways (each chain's whole"
                        + " listing, by AccountIds, by LoyaltyMembershipIds), each in both activity states: %s. Answers against the"
                        + " contract or the ledger while running: %d.",
                result.passed() ? "PASS" : "FAIL",
                verdict.memberships(),
                verdict.deleted(),
                verdict.accounts(),
                verdict.primaries(),
                verdict.passed()
                        ? "each equals the ledger, field for field, and no account has two active primaries"
                        : verdict.problems().size() + " problems",
                result.tally().violationCount()));
        List<String> problems = new ArrayList<>(verdict.problems());
        problems.addAll(result.tally().violations());
        problems.addAll(result.serverErrors().stream()
                .map(line -> "server output: " + line)
                .toList());
        if (!problems.isEmpty()) {
            report.paragraph(problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n")));
        }
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, millis >= 100 ? "%.0f ms" : "%.1f ms", millis);
    }
}
