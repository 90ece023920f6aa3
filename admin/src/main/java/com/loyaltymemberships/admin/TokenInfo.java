package com.loyaltymemberships.admin;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A stored token of either kind, as the admin tool shows it; a client token covers no chain. */
public record TokenInfo(
        Kind kind,
        String hash,
        String name,
        List<UUID> chainIds,
        boolean portfolio,
        Instant createdUtc,
        Optional<Instant> revokedUtc) {

    /** Hex digits of the hash shown to operators: enough to tell tokens apart and to revoke by prefix. */
    public static final int SHORT_HASH_LENGTH = 16;

    public TokenInfo {
        chainIds = List.copyOf(chainIds);
    }

    public static TokenInfo of(ClientToken token) {
        return new TokenInfo(
                Kind.CLIENT, token.hash(), token.name(), List.of(), false, token.createdUtc(), token.revokedUtc());
    }

    public static TokenInfo of(AccessToken token) {
        return new TokenInfo(
                Kind.ACCESS,
                token.hash(),
                token.name(),
                token.chainIds(),
                token.portfolio(),
                token.createdUtc(),
                token.revokedUtc());
    }

    /** {@code client} or {@code access}, as the command line spells the kinds. */
    public static String label(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label(kind);
    }

    public String shortHash() {
        return hash.substring(0, Math.min(SHORT_HASH_LENGTH, hash.length()));
    }

    public boolean isActive() {
        return revokedUtc.isEmpty();
    }

    public TokenInfo revokedAt(Instant when) {
        return new TokenInfo(kind, hash, name, chainIds, portfolio, createdUtc, Optional.of(when));
    }
}
