package com.loyaltymemberships.access;

import java.time.Instant;
import java.util.Optional;

/** A client token (an integration), as stored: its hash, a label, and whether it was revoked. */
public record ClientToken(String hash, String name, Instant createdUtc, Optional<Instant> revokedUtc) {

    public boolean isActive() {
        return revokedUtc.isEmpty();
    }
}
