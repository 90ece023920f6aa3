package com.loyaltymemberships.bench;

import com.loyaltymemberships.cost.CostScenarios;
import com.loyaltymemberships.devkit.DynamoDbCallCounter.CountedCall;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.ItemSize;
import com.loyaltymemberships.devkit.results.Markdown;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 13, item 7: what each operation's usual request costs per million requests at published on-demand prices,
 * before and after issue 13 (write sharding, the 1-unit GCRA token check, KEYS_ONLY indexes, writes without
 * transactions), side by side. Write units are WriteUnitsTest's (docs/WRITE-UNITS.md); a listing page's reads are
 * measured here (the cost scenarios' listing, Count 100, in a chain of 3,000 others: its Queries of index keys, the
 * entries each read, and the items it then fetches) and priced by DynamoDB's 4 KB rounding.
 *
 * <p>{@code java -cp bench/target/loyalty-bench.jar com.loyaltymemberships.bench.PaperCost} in the project's root
 * (with moto, as the bench) prints the section and writes it into bench/results.md; the bench's {@code --only paper}
 * writes it with the rest.
 */
public final class PaperCost {

    static final String HEADING = "Cost on paper, per million requests (before / after)";

    // us-east-1, on-demand, as read on 2026-12-07 (sources in the section).
    static final double WRITE_UNIT = 0.625e-6;
    static final double READ_UNIT = 0.125e-6;
    static final double LAMBDA_GB_SECOND = 0.0000133334;
    static final double LAMBDA_REQUEST = 0.20e-6;
    static final double HTTP_API_REQUEST = 1.00e-6;
    static final double LAMBDA_GB = 1.0;
    /** WriteUnitsTest's "1 KB membership", stored with the shard suffix and its RequestId. */
    static final int KB_MEMBERSHIP_BYTES = 1_525;

    /** One request as priced. */
    record Request(String name, double writeUnits, double readUnits, double lambdaMillis, String units, String notes) {
        double dynamoDb() {
            return writeUnits * WRITE_UNIT + readUnits * READ_UNIT;
        }

        double lambda() {
            return lambdaMillis / 1000 * LAMBDA_GB * LAMBDA_GB_SECOND + LAMBDA_REQUEST;
        }

        double total() {
            return dynamoDb() + lambda() + HTTP_API_REQUEST;
        }
    }

    /**
     * A listing page's reads as measured: its Queries and the entries each read (of {@code entryBytes}), and the items
     * it fetched (by an eventually consistent BatchGetItem); before KEYS_ONLY, the Query's entries were the items.
     */
    record Listing(List<Integer> itemsPerQuery, int itemsFetched, int answered, long itemBytes, long entryBytes) {
        /**
         * Queries eventually consistent, 0.5 per started 4 KB that one reads, at least 0.5; each item fetched
         * eventually consistent, 0.5 per started 4 KB of it (one read again strongly consistent, when the first read
         * shows it not at its entry yet, adds 1: rare, and left out).
         */
        double readUnits(long bytesPerItem) {
            long perEntry = itemsFetched == 0 ? bytesPerItem : entryBytes;
            double queries = itemsPerQuery.stream()
                    .mapToDouble(n -> 0.5 * Math.max(1, (n * perEntry + 4095) / 4096))
                    .sum();
            return queries + 0.5 * itemsFetched * ((bytesPerItem + 4095) / 4096);
        }

        int itemsRead() {
            return itemsPerQuery.stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final DynamoDbEngine engine;

    PaperCost(DynamoDbEngine engine) {
        this.engine = engine;
    }

    public static void main(String[] args) {
        Path output = Path.of("").toAbsolutePath().resolve("bench/results.md");
        // The report prints to standard output as it was; the service's own log lines go nowhere.
        Markdown report = new Markdown();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        try (DynamoDbEngine engine = DynamoDbEngine.start()) {
            new PaperCost(engine).run(report);
        }
        report.replaceSection(output, HEADING);
        System.setOut(stdout);
        System.out.println("Written to " + output);
    }

    /** The cost scenarios' listing, Count 100, with 3,000 other memberships in the chain. */
    Listing measureListing() {
        CostScenarios scenarios = CostScenarios.create(engine, CostTable.BIG);
        CostScenarios.GetAllCase listing = scenarios.getAllCases().stream()
                .filter(c -> c.name().equals("listing, Count 100"))
                .findFirst()
                .orElseThrow();
        CostScenarios.Result result = scenarios.getAll(listing);
        List<Integer> perQuery = result.own().stream()
                .filter(c -> c.operation().equals("Query"))
                .map(CountedCall::itemsRead)
                .toList();
        int fetched = result.own().stream()
                .filter(c -> c.operation().equals("BatchGetItem"))
                .mapToInt(CountedCall::itemsRead)
                .sum();
        Map<String, AttributeValue> item =
                scenarios.stored(scenarios.targetIds().get(1));
        // A KEYS_ONLY entry of the chain listing: the table's keys and the index's own.
        Map<String, AttributeValue> entry = new HashMap<>(item);
        entry.keySet()
                .retainAll(Set.of(
                        TableDefinition.PK,
                        TableDefinition.SK,
                        Index.BY_CHAIN_UPDATED.partitionKey(),
                        Index.BY_CHAIN_UPDATED.sortKey()));
        return new Listing(perQuery, fetched, result.answered(), ItemSize.of(item), ItemSize.of(entry));
    }

    void run(Markdown report) {
        Listing after = measureListing();
        Listing before = new Listing(List.of(100), 0, 100, after.itemBytes(), after.itemBytes());
        List<Request[]> rows = new ArrayList<>();
        for (long bytes : List.of(after.itemBytes(), (long) KB_MEMBERSHIP_BYTES)) {
            String size = String.format(Locale.ROOT, "%,d-byte items", bytes);
            rows.add(new Request[] {
                new Request(
                        "getAll, listing, Count 100 (" + size + ")",
                        3,
                        before.readUnits(bytes),
                        35,
                        "3 WRU + " + units(before.readUnits(bytes)) + " RRU",
                        "1 Query of 100"),
                new Request(
                        "",
                        1,
                        after.readUnits(bytes),
                        50,
                        "1 WRU + " + units(after.readUnits(bytes)) + " RRU",
                        after.itemsPerQuery().size() + " Queries of keys (" + after.itemsRead() + " entries), then "
                                + after.itemsFetched() + " items fetched")
            });
        }
        // Write units: WriteUnitsTest, before = its pinned baseline, after = today's (1 KB membership).
        rows.add(writes("add 1 (non-primary)", 23, 11, 0, 30, "one PutItem, no transaction"));
        rows.add(writes("add 1000 (journaled)", 23_041, 10_139, 370, 1_000, "the journal gzip'd, its parts put alone"));
        rows.add(writes("update 1 (Points)", 29, 9, 1, 30, "update State: 31 / 11"));
        rows.add(writes("delete 1", 39, 19, 1, 30, ""));
        report.heading(HEADING);
        report.paragraph(String.join(
                "\n",
                "Prices: AWS us-east-1, on-demand, as published and read on 2026-12-07:",
                "",
                "- DynamoDB: $0.625 per million write request units, $0.125 per million read request units (since the"
                        + " November 2024 cut of on-demand throughput prices by half; aws.amazon.com/dynamodb/pricing/on-demand/,"
                        + " confirmed by airbyte.com/data-engineering-resources/dynamodb-pricing, July 2025). A write unit"
                        + " per started KB (2 transactional); an eventually consistent read 0.5 unit per started 4 KB that"
                        + " one request reads, a strongly consistent one 1.",
                "- Lambda arm64: $0.0000133334 per GB-second and $0.20 per million requests (aws.amazon.com/lambda/pricing/;"
                        + " as listed in git.mcrn.ar/mariano/lambda_local_runner docs/lambdas-md/lambda-13-cost.md, May 2026);"
                        + " 1024 MB, billed per ms.",
                "- API Gateway HTTP API: $1.00 per million requests, the first 300 million a month"
                        + " (aws.amazon.com/api-gateway/pricing/; as listed by awsforengineers.com, May 2025, and"
                        + " amnic.com). Free tiers and data transfer left out.",
                "",
                "Units: write units from WriteUnitsTest (docs/WRITE-UNITS.md), a \"1 KB membership\" (1,471 bytes stored"
                        + " before, " + String.format(Locale.ROOT, "%,d", KB_MEMBERSHIP_BYTES)
                        + " after): before = its pinned baseline (the token's request"
                        + " log, 3 units per request), after = today's (the GCRA token check, 1 unit; KEYS_ONLY entries;"
                        + " a membership alone put without a transaction; a large write's journal gzip'd and its parts put)."
                        + " Reads: getAll before = 1 Query of 100 items; after = the listing as measured on moto (cost"
                        + " scenarios, chain of 3,000 others: "
                        + after.itemsPerQuery().size() + " Queries of keys in"
                        + " parallel and refills, " + after.itemsRead() + " entries of " + after.entryBytes()
                        + " bytes read, then " + after.itemsFetched()
                        + " items fetched by an eventually consistent BatchGetItem for "
                        + after.answered()
                        + " answered), each Query priced by the 4 KB rounding, each item fetched at 0.5"
                        + " unit per 4 KB (one read again consistently, not yet at its entry, is rare and left out),"
                        + " for the scenario's item (" + after.itemBytes() + " bytes) and the 1 KB"
                        + " membership. update and delete read the membership first (1 consistent BatchGetItem: 1 RRU);"
                        + " add 1000's 3 consistent Queries of its journal are bounded by one read of its parts (about 1.5"
                        + " MB: 370 RRU).",
                "Lambda durations (billed, warm; not measured on AWS): the README's expected p50s (getAll Count 100 ~35"
                        + " ms; a write of 1 ~30 ms), which bench/results.md's warm CPU (getAll 11.4 ms, add of 100 20.8"
                        + " ms on this machine, ×1.7 for Lambda's share of a core at 1024 MB) plus in-region DynamoDB"
                        + " latencies give; add 1000 ~1 s (10 × add 100's CPU ×1.7, ~0.35 s, and ~21 DynamoDB requests"
                        + " in a row). After: getAll ~50 ms (a second round of refill Queries, the CPU of ~50 Queries"
                        + " instead of 1, and the BatchGetItem of the items: an estimate); the writes unchanged."));
        List<List<String>> table = new ArrayList<>();
        for (Request[] pair : rows) {
            Request b = pair[0];
            Request a = pair[1];
            table.add(List.of(
                    b.name(),
                    b.units() + " / " + a.units(),
                    money(b.dynamoDb()) + " / " + money(a.dynamoDb()),
                    money(b.lambda()) + " / " + money(a.lambda()),
                    money(HTTP_API_REQUEST) + " / " + money(HTTP_API_REQUEST),
                    "**" + money(b.total()) + " / " + money(a.total()) + "**",
                    String.format(Locale.ROOT, "×%.2f", a.total() / b.total()),
                    a.notes().isEmpty() ? b.notes() : b.notes() + (b.notes().isEmpty() ? "" : "; ") + a.notes()));
        }
        report.table(
                List.of(
                        "request",
                        "DynamoDB units, before / after",
                        "DynamoDB",
                        "Lambda",
                        "API Gateway",
                        "total per million",
                        "after / before",
                        "notes"),
                table);
        report.paragraph("Writes cost half or less (docs/WRITE-UNITS.md): entries of keys only, written only when"
                + " their keys change, no transaction for a membership written alone, and a gzip'd journal. A listing"
                + " page costs more reads: each of its Queries is rounded up to 4 KB, the price of one chain taking"
                + " 10,000 writes a second (\"Scale model: one chain\"), and its items are a second read, the price"
                + " of entries of keys only.");
    }

    private static Request[] writes(
            String name, double before, double after, double readUnits, double millis, String notes) {
        String reads = readUnits == 0 ? "" : " + " + units(readUnits) + " RRU";
        return new Request[] {
            new Request(name, before, readUnits, millis, units(before) + " WRU" + reads, ""),
            new Request(name, after, readUnits, millis, units(after) + " WRU" + reads, notes)
        };
    }

    private static String units(double units) {
        return units == Math.rint(units)
                ? String.format(Locale.ROOT, "%,.0f", units)
                : String.format(Locale.ROOT, "%,.1f", units);
    }

    /** Dollars per million requests. */
    private static String money(double perRequest) {
        double perMillion = perRequest * 1e6;
        return perMillion >= 100
                ? String.format(Locale.ROOT, "$%,.0f", perMillion)
                : String.format(Locale.ROOT, "$%.2f", perMillion);
    }
}
