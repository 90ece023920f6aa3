package com.loyaltymemberships.validation;

import java.time.Instant;

/** A half-open interval {@code from <= t < until}, at the stored (millisecond) precision. */
public record TimeWindow(Instant from, Instant until) {

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(until);
    }
}
