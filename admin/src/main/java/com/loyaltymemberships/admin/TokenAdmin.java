package com.loyaltymemberships.admin;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.dynamodb.TokenRepository;
import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates, lists and revokes tokens over {@link TokenRepository}. Secrets exist only in the {@link Issued}
 * value a create returns; everything stored or listed is a SHA-256 hash.
 */
public final class TokenAdmin {

    private static final Comparator<TokenInfo> LISTING_ORDER = Comparator.comparing(TokenInfo::kind)
            .thenComparing(TokenInfo::createdUtc)
            .thenComparing(TokenInfo::hash);

    private final TokenRepository tokens;
    private final TokenGenerator generator;
    private final Clock clock;

    public TokenAdmin(TokenRepository tokens, TokenGenerator generator, Clock clock) {
        this.tokens = tokens;
        this.generator = generator;
        this.clock = clock;
    }

    public Issued createClient(String name) {
        String secret = generator.next();
        ClientToken token = new ClientToken(TokenHash.of(secret), name, now(), Optional.empty());
        requireStored(tokens.create(token));
        return new Issued(secret, TokenInfo.of(token));
    }

    /**
     * An access token for the active client token {@code clientToken} (the secret) over {@code chainIds}
     * (at least one, no repeats); a portfolio token when asked for or when it covers several chains.
     */
    public Issued createAccess(String clientToken, List<UUID> chainIds, boolean portfolio, String name) {
        if (chainIds.isEmpty() || new HashSet<>(chainIds).size() != chainIds.size()) {
            throw new IllegalArgumentException("an access token covers one or more distinct chains");
        }
        String clientHash = TokenHash.of(clientToken);
        String secret = generator.next();
        String hash = TokenHash.of(secret);
        // find() is a strongly consistent read by key (it reads a client and an access token at once; the
        // access half, the new hash, is unused). The index behind clientTokens() lags writes on AWS, so a
        // client token created a moment ago could look unknown there.
        ClientToken client = tokens.find(clientHash, hash)
                .client()
                .orElseThrow(
                        () -> new RefusedException(
                                "No client token has the value given; give the client token itself, as create-client printed it (not its hash)."));
        if (!client.isActive()) {
            throw new RefusedException(
                    "The client token " + TokenInfo.of(client).shortHash() + " was revoked at "
                            + client.revokedUtc().get() + "; create a new client token first.");
        }
        AccessToken token = new AccessToken(
                hash, clientHash, chainIds, portfolio || chainIds.size() > 1, name, now(), Optional.empty());
        requireStored(tokens.create(token));
        return new Issued(secret, TokenInfo.of(token));
    }

    /**
     * Tokens of {@code kind} (both when empty) whose hash starts with {@code hashPrefix} (lower-case hex,
     * may be empty); with {@code chain}, only the access tokens covering it. Client tokens first, then by
     * creation time.
     */
    public List<TokenInfo> list(Optional<Kind> kind, String hashPrefix, Optional<UUID> chain) {
        List<TokenInfo> found = new ArrayList<>();
        if (kind.orElse(Kind.CLIENT) == Kind.CLIENT && chain.isEmpty()) {
            tokens.clientTokens(hashPrefix).stream().map(TokenInfo::of).forEach(found::add);
        }
        if (kind.orElse(Kind.ACCESS) == Kind.ACCESS) {
            tokens.accessTokens(hashPrefix).stream()
                    .filter(token -> chain.map(token.chainIds()::contains).orElse(true))
                    .map(TokenInfo::of)
                    .forEach(found::add);
        }
        found.sort(LISTING_ORDER);
        return found;
    }

    /** Revokes the one token of {@code kind} (either when empty) whose hash starts with {@code hashPrefix}. */
    public TokenInfo revokeByHashPrefix(Optional<Kind> kind, String hashPrefix) {
        List<TokenInfo> matches = list(kind, hashPrefix, Optional.empty());
        if (matches.isEmpty()) {
            throw new RefusedException(
                    "No " + kind.map(k -> TokenInfo.label(k) + " ").orElse("") + "token's hash starts with "
                            + hashPrefix + ".");
        }
        if (matches.size() > 1) {
            String which =
                    matches.stream().map(t -> t.label() + " " + t.shortHash()).collect(Collectors.joining(", "));
            throw new RefusedException(matches.size() + " tokens' hashes start with " + hashPrefix + " (" + which
                    + "); give a longer prefix" + (kind.isEmpty() ? " or the kind" : "") + ".");
        }
        return revoke(matches.get(0));
    }

    /** Revokes the token whose secret is {@code secret}, of {@code kind} (either when empty). */
    public TokenInfo revokeToken(Optional<Kind> kind, String secret) {
        String hash = TokenHash.of(secret);
        TokenRepository.Pair found = tokens.find(hash, hash);
        List<TokenInfo> matches = Stream.concat(
                        found.client().map(TokenInfo::of).stream(), found.access().map(TokenInfo::of).stream())
                .filter(token -> kind.map(token.kind()::equals).orElse(true))
                .toList();
        if (matches.isEmpty()) {
            throw new RefusedException(
                    "No " + kind.map(k -> TokenInfo.label(k) + " ").orElse("") + "token has the value given.");
        }
        if (matches.size() > 1) {
            throw new RefusedException("The value given is both a client token and an access token; give the kind.");
        }
        return revoke(matches.get(0));
    }

    private TokenInfo revoke(TokenInfo token) {
        Instant at = now();
        // The repository's update is conditional, so a token revoked meanwhile by someone else is reported too.
        if (!token.isActive() || !tokens.revoke(token.kind(), token.hash(), at)) {
            throw new RefusedException("The " + token.label() + " token " + token.shortHash() + " is revoked already"
                    + token.revokedUtc().map(when -> " (at " + when + ")").orElse("") + ".");
        }
        return token.revokedAt(at);
    }

    /** To the millisecond, the precision the service stores times at; listings stay readable. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new hash already stored means the generator repeats itself: stop rather than hand out that token. */
    private static void requireStored(boolean stored) {
        if (!stored) {
            throw new IllegalStateException(
                    "A token with the new token's hash is stored already; nothing was created.");
        }
    }
}
