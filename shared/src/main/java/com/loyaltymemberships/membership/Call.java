package com.loyaltymemberships.membership;

import com.loyaltymemberships.idempotency.Receipt;
import com.loyaltymemberships.time.Deadline;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one request's call into the service runs: before its {@link Deadline}, and, for a write sent with an
 * Idempotency-Key, keeping its answer with its last write ({@code answer} turns the operation's result into it).
 */
public record Call(Deadline deadline, Optional<Function<Object, Receipt>> answer) {

    public static Call before(Deadline deadline) {
        return new Call(deadline, Optional.empty());
    }

    Optional<Receipt> receiptFor(Object result) {
        return answer.map(f -> f.apply(result));
    }
}
