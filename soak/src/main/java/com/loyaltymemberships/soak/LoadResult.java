package com.loyaltymemberships.soak;

import java.time.Duration;
import java.util.List;

/**
 * What a load run found.
 *
 * @param racers       clients that took part in the shared rounds
 * @param rounds       shared rounds played
 * @param took         from the first client's first request to the last client's last answer (setup and check apart)
 * @param ledger       what the clients know the store holds
 * @param engine       the server's engine, as it printed it
 * @param serverErrors the server's first error log lines and other unexpected output, if any
 */
public record LoadResult(
        LoadRun.Options options,
        int racers,
        int rounds,
        Duration took,
        Measurements measurements,
        Tally tally,
        Ledger ledger,
        StoreCheck.Verdict verdict,
        String engine,
        List<String> serverErrors) {

    /** No 5xx, nothing answered against the contract or the ledger while running, and the final store is the ledger. */
    public boolean passed() {
        return measurements.serverErrors() == 0 && tally.violationCount() == 0 && verdict.passed();
    }
}
