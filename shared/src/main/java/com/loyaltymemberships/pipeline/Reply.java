package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.contract.MembershipsResponse;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation answers before encoding: a JSON body, or {@code 204 No Content}.
 * {@code items} is how many memberships it returned or touched, for the request log.
 */
public record Reply(int status, Optional<Object> body, int items) {

    public static Reply ok(MembershipsResponse body) {
        return new Reply(200, Optional.of(body), body.loyaltyMemberships().size());
    }

    /** {@code {}}: the delete answer. */
    public static Reply emptyObject(int items) {
        return new Reply(200, Optional.of(Map.of()), items);
    }

    public static Reply noContent(int items) {
        return new Reply(204, Optional.empty(), items);
    }
}
