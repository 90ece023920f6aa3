package com.loyaltymemberships.dynamodb;

/**
 * What a key backfill run has done so far, or did: memberships {@code scanned}; {@code moved} to the keys the current
 * code computes (in a dry run: that would be moved); {@code alreadyRight}; {@code skipped} because a writer changed
 * them, or a large write held them, between the read and the move (a writer writes the current keys itself; a run
 * after this one checks them). {@code finished}: every scan segment reached the end of the table.
 */
public record BackfillReport(long scanned, long moved, long alreadyRight, long skipped, boolean finished) {

    /** True when the whole table was scanned and every membership found has the current keys, or was just given them. */
    public boolean complete() {
        return finished && skipped == 0;
    }
}
