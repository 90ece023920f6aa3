package com.loyaltymemberships.bench;

import com.loyaltymemberships.cost.CostScenarios;
import com.loyaltymemberships.devkit.DynamoDbCallCounter;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.results.Markdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DynamoDB requests, items read, items returned and consumed capacity per API call, for every getAll filter and the
 * usual combinations and for the writes, with 100 and with 3,000 other memberships in the chain. Counts, not times.
 */
final class CostTable {

    static final int SMALL = 100;
    static final int BIG = 3000;

    private final DynamoDbEngine engine;
    private final Path root;

    CostTable(DynamoDbEngine engine, Path root) {
        this.engine = engine;
        this.root = root;
    }

    /** Each case's result with the small chain and with the big one, in case order. */
    static Map<String, CostScenarios.Result[]> measure(DynamoDbEngine engine, Path root) throws IOException {
        Map<String, CostScenarios.Result[]> results = new LinkedHashMap<>();
        int[] sizes = {SMALL, BIG};
        for (int s = 0; s < sizes.length; s++) {
            CostScenarios scenarios = CostScenarios.create(engine, sizes[s]);
            int column = s;
            Function<String, CostScenarios.Result[]> row =
                    name -> results.computeIfAbsent(name, n -> new CostScenarios.Result[2]);
            for (CostScenarios.GetAllCase c : scenarios.getAllCases()) {
                row.apply("getAll: " + c.name() + (c.keyServed() ? "" : " †"))[column] = scenarios.getAll(c);
            }
            row.apply("getAll: events/getAll.json (every filter, 2 Ids)")[column] = scenarios.sample(
                    "getAll", Files.readString(root.resolve("events/getAll.json"), StandardCharsets.UTF_8));
            row.apply("add: events/add.json (1 primary, account with a primary)")[column] =
                    scenarios.sample("add", Files.readString(root.resolve("events/add.json"), StandardCharsets.UTF_8));
            row.apply("add: 1 primary, account without one")[column] = scenarios.add(1, true);
            row.apply("add: 1 primary, account with one (demoted)")[column] = scenarios.addPrimaryReplacing();
            row.apply("add: 10 non-primary")[column] = scenarios.add(10, false);
            List<String> ten = scenarios.lastIds();
            row.apply("update: 1 non-primary")[column] = scenarios.update(ten.subList(0, 1), false);
            row.apply("update: 10 non-primary")[column] = scenarios.update(ten, false);
            row.apply("update: 1 made primary")[column] = scenarios.update(ten.subList(1, 2), true);
            row.apply("delete: 1 non-primary")[column] = scenarios.delete(ten.subList(2, 3));
            row.apply("delete: 7 non-primary")[column] = scenarios.delete(ten.subList(3, 10));
            if (sizes[s] == SMALL) {
                // 100-action transactions only on the small chain: moto copies the table once per action (ENGINES.md).
                row.apply("add: 100 non-primary")[column] = scenarios.add(100, false);
                List<String> hundred = scenarios.lastIds();
                row.apply("update: 100 non-primary")[column] = scenarios.update(hundred, false);
                row.apply("delete: 100 non-primary")[column] = scenarios.delete(hundred);
            }
        }
        return results;
    }

    void run(Markdown report) throws IOException {
        report.heading("DynamoDB cost per API call (counted by an SDK interceptor; counts, not times)");
        report.paragraph(
                "Chain A holds 5 target memberships (one account, one program, Enrolled, numbers, one provider Id, one"
                        + " deleted) and then " + SMALL + " or " + BIG
                        + " other memberships (newer, other accounts and program, Pending). "
                        + "Requests: the overhead (1 conditional UpdateItem on the access token: authentication + rate limit) + the operation's own."
                        + " Read / returned: items DynamoDB read (Query ScannedCount, BatchGetItem keys, GetItem) and returned by the operation's own"
                        + " requests; answered: memberships in the API answer. Capacity: as the engine reports it with ReturnConsumedCapacity=TOTAL"
                        + " (whole call). † = no single key condition serves this combination (a filter is applied to what the key read).");
        Map<String, CostScenarios.Result[]> results = measure(engine, root);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, CostScenarios.Result[]> e : results.entrySet()) {
            CostScenarios.Result small = e.getValue()[0];
            CostScenarios.Result big = e.getValue()[1];
            DynamoDbCallCounter.Totals s = small.ownTally();
            String flat = big == null ? "(small only)" : sameCounts(small, big) ? "yes" : "**no**: " + describe(big);
            rows.add(List.of(
                    e.getKey(),
                    Integer.toString(small.status()),
                    "1 " + small.overhead().operation() + " + " + orNone(s.requestsText()),
                    s.itemsRead() + " / " + s.itemsReturned(),
                    Integer.toString(small.answered()),
                    Integer.toString(s.itemsWritten()),
                    small.tally().capacityUnits().map(Stats::number).orElse("n/a"),
                    flat));
        }
        report.table(
                List.of(
                        "API call",
                        "status",
                        "requests",
                        "read / returned",
                        "answered",
                        "written",
                        "capacity units",
                        "same with " + BIG + " others?"),
                rows);
    }

    static boolean sameCounts(CostScenarios.Result a, CostScenarios.Result b) {
        return a.tally().byOperation().equals(b.tally().byOperation())
                && a.ownTally().itemsRead() == b.ownTally().itemsRead()
                && a.ownTally().itemsReturned() == b.ownTally().itemsReturned();
    }

    private static String describe(CostScenarios.Result r) {
        DynamoDbCallCounter.Totals t = r.ownTally();
        return t.requestsText() + ", read " + t.itemsRead() + " / returned " + t.itemsReturned();
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "nothing" : text;
    }
}
