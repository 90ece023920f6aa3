package com.loyaltymemberships.membership;

import com.loyaltymemberships.idempotency.Receipt;
import com.loyaltymemberships.time.Deadline;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one request's call into the service runs: as the request {@code requestId} (which its writes record), before its
 * {@link Deadline}, and, for a write sent with an Idempotency-Key, keeping its answer with its last write ({@code
 * answer} turns the operation's result into it).
 *
 * @param <R> the result of the service call this is for
 */
public record Call<R>(String requestId, Deadline deadline, Optional<Function<R, Receipt>> answer) {

    public static <R> Call<R> of(String requestId, Deadline deadline) {
        return new Call<>(requestId, deadline, Optional.empty());
    }

    Optional<Receipt> receiptFor(R result) {
        return answer.map(f -> f.apply(result));
    }
}
