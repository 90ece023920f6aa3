package com.loyaltymemberships.idempotency;

import java.time.Instant;

/**
 * A request's hold on an Idempotency-Key while it runs.
 *
 * @param tokenHash  the access token's hash: keys of different tokens never meet
 * @param keyHash    the key's SHA-256 (keys are stored only as hashes)
 * @param id         unique per execution; a multi-transaction write's journal carries it too, so that whoever
 *                   takes over an abandoned key can first finish that write
 * @param operation  the operation the key was first used for
 * @param bodyHash   the SHA-256 of the body, parsed and with properties in a fixed order
 * @param leaseUntil when the holder is certainly gone (the function's timeout)
 */
public record Claim(
        String tokenHash, String keyHash, String id, String operation, String bodyHash, Instant leaseUntil) {

    /** Whether {@code other} is the same request: the same operation with the same body. */
    public boolean sameRequestAs(Claim other) {
        return operation.equals(other.operation) && bodyHash.equals(other.bodyHash);
    }
}
