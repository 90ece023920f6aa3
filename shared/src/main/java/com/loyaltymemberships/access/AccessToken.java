package com.loyaltymemberships.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An access token (a connection of one client to an enterprise's chain, or to several chains for a
 * portfolio), as stored: never the token itself, only its hash and its client token's hash.
 */
public record AccessToken(
        String hash,
        String clientTokenHash,
        List<UUID> chainIds,
        boolean portfolio,
        String name,
        Instant createdUtc,
        Optional<Instant> revokedUtc) {

    public AccessToken {
        chainIds = List.copyOf(chainIds);
    }

    public boolean isActive() {
        return revokedUtc.isEmpty();
    }
}
