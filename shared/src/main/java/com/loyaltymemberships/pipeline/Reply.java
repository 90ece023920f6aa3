package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.contract.MembershipsResponse;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation answers before encoding: a JSON body, or {@code 204 No Content}. {@code items} is how many
 * memberships it returned or touched, for the request log. A replayed answer (SPEC §11) carries the bytes first sent.
 */
public record Reply(int status, Optional<Object> body, int items, boolean replayed) {

    public static Reply ok(MembershipsResponse body) {
        return new Reply(200, Optional.of(body), body.loyaltyMemberships().size(), false);
    }

    /** {@code {}}: the delete answer. */
    public static Reply emptyObject(int items) {
        return new Reply(200, Optional.of(Map.of()), items, false);
    }

    public static Reply noContent(int items) {
        return new Reply(204, Optional.empty(), items, false);
    }

    /** The answer kept under an Idempotency-Key, as it was sent. */
    static Reply replayed(int status, byte[] body) {
        return new Reply(status, body.length == 0 ? Optional.empty() : Optional.of(body), 0, true);
    }
}
