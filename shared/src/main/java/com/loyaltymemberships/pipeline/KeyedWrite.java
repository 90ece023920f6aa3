package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.idempotency.Claim;
import com.loyaltymemberships.idempotency.Idempotency;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.time.OutOfTimeException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A write sent with an Idempotency-Key (SPEC §11): the first request with a key runs and its answer is kept; a repeat
 * gets that answer again. The answer is kept with the write's last transaction when it writes, else (a 4xx) on its
 * own. After a 5xx or a 409 the key is let go, so that a retry runs again; but not while a write that passed its point
 * of no return is being finished: a retry then gets its answer.
 */
final class KeyedWrite {

    private final Idempotency idempotency;
    private final Responses responses;

    KeyedWrite(Idempotency idempotency, Responses responses) {
        this.idempotency = idempotency;
        this.responses = responses;
    }

    /**
     * Runs {@code execution} under the key, or replays the answer kept for it.
     *
     * @param canonicalBody the request body with its properties in name order: a repeat must send the same body
     * @param execution runs the operation with the {@link Call} it is given and shapes its reply
     */
    <R> Reply run(
            Exchange<?, R> exchange,
            String accessTokenHash,
            String key,
            byte[] canonicalBody,
            boolean minimal,
            Function<Call<R>, Reply> execution) {
        Idempotency.Decision presented = idempotency.present(
                accessTokenHash,
                key,
                exchange.operation().operationName(),
                canonicalBody,
                exchange.deadline().at());
        if (presented instanceof Idempotency.Replay replay) {
            return Reply.replayed(replay.status(), replay.body());
        }
        Claim claim = ((Idempotency.Run) presented).claim();
        Call<R> call = new Call<>(exchange.requestId(), exchange.deadline(), Optional.of(result -> {
            Reply reply = exchange.operation().reply(result, minimal);
            return idempotency.receipt(claim, reply.status(), responses.bytes(reply));
        }));
        try {
            return execution.apply(call);
        } catch (ApiException e) {
            if (e.status() == 409 || e.status() >= 500) {
                idempotency.release(claim);
            } else {
                idempotency.keep(idempotency.receipt(claim, e.status(), responses.errorBody(e, exchange.requestId())));
            }
            throw e;
        } catch (OutOfTimeException e) {
            if (!e.finishing()) {
                idempotency.release(claim);
            }
            throw e;
        } catch (RuntimeException e) {
            idempotency.release(claim);
            throw e;
        }
    }
}
