package com.loyaltymemberships.membership;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Membership Ids are UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter,
 * then 62 random bits. So an Id is its creation time, and Ids sort (as lower-case strings) in creation
 * order, which is exactly the getAll order: newest first, same instant by Id descending (SPEC §4).
 *
 * <p>Within one JVM the Ids only grow: the counter orders Ids made in the same millisecond, so the
 * memberships of one add request list in reverse request order. The JDK 17 has no v7 generator, and we
 * need the creation time and the in-request order to follow from the Id, so this stays a few lines here.
 * {@link SecureRandom} keeps Ids unique across Lambda SnapStart restores of the same snapshot.
 */
public final class MembershipIds {

    private static final long MAX_MILLIS = (1L << 48) - 1;
    private static final int MAX_COUNTER = 0xFFF;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    public MembershipIds(Clock clock) {
        this.clock = clock;
    }

    public synchronized UUID next() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            counter = 0;
        } else if (++counter > MAX_COUNTER) {
            // 4,096 Ids in one millisecond: borrow the next millisecond rather than break the order.
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis << 16) | (0x7L << 12) | counter;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** When the membership with this Id was created, at the millisecond. */
    public static Instant createdAt(UUID id) {
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    /**
     * A string that sorts after every Id created before {@code instant} and before every Id created at
     * or after it: the key bound for "created at or after" and "created before".
     */
    public static String boundAt(Instant instant) {
        long millis = Math.max(0, Math.min(MAX_MILLIS, instant.toEpochMilli()));
        String hex = String.format("%012x", millis);
        return hex.substring(0, 8) + "-" + hex.substring(8);
    }
}
