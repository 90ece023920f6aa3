package com.loyaltymemberships.dynamodb;

import java.util.concurrent.TimeUnit;

/**
 * At most so many writes a second, over every thread that takes its turn here: each write gets the next free slot,
 * {@code 1/rate} seconds after the previous one, and waits for it. What the key backfill uses to keep its write units
 * under the operator's bound whatever the number of scan segments.
 */
final class WriteRate {

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    WriteRate(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a rate is at least 1 a second");
        }
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    /** Waits for this write's slot. */
    void await() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Takes the next slot and says how long until it comes; a slot left unused for a while is not saved up. */
    private synchronized long reserve() {
        long now = System.nanoTime();
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + intervalNanos;
        return slot - now;
    }
}
