package com.loyaltymemberships.idempotency;

import java.time.Instant;

/**
 * A write's answer, kept under its Idempotency-Key (SPEC §11) so that a retry gets it again. It is stored in the
 * same transaction as the write's last changes, so the answer is kept exactly when the write happened.
 *
 * @param claim  the claim this answer completes; storing it requires that the claim is still this one
 * @param status the HTTP status answered
 * @param body   the body answered, as sent (empty for 204)
 */
public record Receipt(Claim claim, int status, byte[] body, Instant expiresAt) {}
