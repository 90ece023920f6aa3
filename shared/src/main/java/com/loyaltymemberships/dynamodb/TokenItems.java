package com.loyaltymemberships.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Client and access tokens, stored by SHA-256 hash only.
 *
 * <p>The access token item also carries the token's rate limit state ({@value #RATE_TAT}): one number, its theoretical
 * arrival time in epoch microseconds ({@code access.RateLimit}), absent until its first request, which each request
 * moves in the same atomic update that authenticates it (see {@link AccessTokenRepository}). Items written before
 * carry a request log ({@value #RATE_LOG}) instead, which that update removes. Token items carry no index keys, so
 * those per-request updates write the item alone, and it stays under 1 KB (one write unit; {@code
 * TokenItemSizeTest}); the admin tool lists tokens through a directory partition ({@value #DIRECTORY}) that requests
 * never touch.
 */
final class TokenItems {

    static final String SORT = "TOKEN";
    static final String DIRECTORY = "TOKENS";
    static final String RATE_TAT = "RateTat";
    /** The request log of tokens written before the rate limit kept one number: removed at their next request. */
    static final String RATE_LOG = "RateLog";

    static final String CLIENT_TOKEN_HASH = "ClientTokenHash";
    static final String REVOKED_UTC = "RevokedUtc";
    /** An access token with its theoretical arrival time (epoch microseconds; null before its first request). */
    record AccessTokenItem(AccessToken token, Long rateTat) {}

    /** What the admin tool writes to revoke a token: only the revocation time. */
    record Revocation(Kind kind, String hash, Instant revokedUtc) {}

    /** One line of the token directory, which lists every token by kind and hash. */
    record DirectoryEntry(Kind kind, String hash) {}

    /** The setter of an attribute computed on write (keys): a read has nowhere to put it. Before the schemas, which use it. */
    private static final BiConsumer<Object, String> COMPUTED = (b, v) -> {};

    /** What every request reads and updates: built with the class. */
    static final TableSchema<AccessTokenItem> ACCESS = accessSchema();

    /** The items only the admin tool reads and writes, built the first time it does: requests never need them. */
    static final class Managed {
        static final TableSchema<ClientToken> CLIENT = clientSchema();
        static final TableSchema<Revocation> REVOCATION = revocationSchema();
        static final TableSchema<DirectoryEntry> DIRECTORY_ENTRY = directorySchema();

        private Managed() {}
    }

    private TokenItems() {}

    static Key key(Kind kind, String hash) {
        return Key.builder()
                .partitionValue(partition(kind, hash))
                .sortValue(SORT)
                .build();
    }

    static AccessTokenItem newAccessToken(AccessToken token) {
        return new AccessTokenItem(token, null);
    }

    private static String partition(Kind kind, String hash) {
        return kind.name() + "_TOKEN#" + hash;
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }

    private static final class AccessBuilder {
        private String hash;
        private String clientTokenHash;
        private List<String> chainIds = List.of();
        private boolean portfolio;
        private String name;
        private Instant createdUtc;
        private Optional<Instant> revokedUtc = Optional.empty();
        private Long rateTat;

        AccessTokenItem build() {
            List<UUID> chains = new ArrayList<>(chainIds.size());
            chainIds.forEach(c -> chains.add(UUID.fromString(c)));
            return new AccessTokenItem(
                    new AccessToken(hash, clientTokenHash, chains, portfolio, name, createdUtc, revokedUtc), rateTat);
        }
    }

    private static TableSchema<AccessTokenItem> accessSchema() {
        Function<AccessTokenItem, AccessToken> t = AccessTokenItem::token;
        return StaticImmutableTableSchema.builder(AccessTokenItem.class, AccessBuilder.class)
                .newItemBuilder(AccessBuilder::new, AccessBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(i -> partition(Kind.ACCESS, i.token().hash()))
                                .setter(COMPUTED::accept)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(i -> SORT)
                                .setter(COMPUTED::accept)
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class,
                        a -> a.name("Hash").getter(t.andThen(AccessToken::hash)).setter((b, v) -> b.hash = v))
                .addAttribute(
                        String.class,
                        a -> a.name(CLIENT_TOKEN_HASH)
                                .getter(t.andThen(AccessToken::clientTokenHash))
                                .setter((b, v) -> b.clientTokenHash = v))
                .addAttribute(
                        EnhancedType.listOf(String.class),
                        a -> a.name("ChainIds")
                                .getter(i -> i.token().chainIds().stream()
                                        .map(UUID::toString)
                                        .toList())
                                .setter((b, v) -> b.chainIds = v))
                .addAttribute(
                        Boolean.class,
                        a -> a.name("Portfolio")
                                .getter(t.andThen(AccessToken::portfolio))
                                .setter((b, v) -> b.portfolio = v))
                .addAttribute(
                        String.class,
                        a -> a.name("Name").getter(t.andThen(AccessToken::name)).setter((b, v) -> b.name = v))
                .addAttribute(
                        String.class,
                        a -> a.name("CreatedUtc")
                                .getter(i -> i.token().createdUtc().toString())
                                .setter((b, v) -> b.createdUtc = Instant.parse(v)))
                .addAttribute(
                        String.class,
                        a -> a.name(REVOKED_UTC)
                                .getter(i -> i.token()
                                        .revokedUtc()
                                        .map(Instant::toString)
                                        .orElse(null))
                                .setter((b, v) -> b.revokedUtc = instant(v)))
                .addAttribute(
                        Long.class,
                        a -> a.name(RATE_TAT).getter(AccessTokenItem::rateTat).setter((b, v) -> b.rateTat = v))
                .build();
    }

    private static final class ClientBuilder {
        private String hash;
        private String name;
        private Instant createdUtc;
        private Optional<Instant> revokedUtc = Optional.empty();

        ClientToken build() {
            return new ClientToken(hash, name, createdUtc, revokedUtc);
        }
    }

    private static TableSchema<ClientToken> clientSchema() {
        return StaticImmutableTableSchema.builder(ClientToken.class, ClientBuilder.class)
                .newItemBuilder(ClientBuilder::new, ClientBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(c -> partition(Kind.CLIENT, c.hash()))
                                .setter(COMPUTED::accept)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(c -> SORT)
                                .setter(COMPUTED::accept)
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class,
                        a -> a.name("Hash").getter(ClientToken::hash).setter((b, v) -> b.hash = v))
                .addAttribute(
                        String.class,
                        a -> a.name("Name").getter(ClientToken::name).setter((b, v) -> b.name = v))
                .addAttribute(
                        String.class,
                        a -> a.name("CreatedUtc")
                                .getter(c -> c.createdUtc().toString())
                                .setter((b, v) -> b.createdUtc = Instant.parse(v)))
                .addAttribute(
                        String.class,
                        a -> a.name(REVOKED_UTC)
                                .getter(c ->
                                        c.revokedUtc().map(Instant::toString).orElse(null))
                                .setter((b, v) -> b.revokedUtc = instant(v)))
                .build();
    }

    /** Written only, never read: a builder that cannot build is enough. */
    private static TableSchema<Revocation> revocationSchema() {
        return StaticImmutableTableSchema.builder(Revocation.class, Object.class)
                .newItemBuilder(Object::new, b -> {
                    throw new UnsupportedOperationException("revocations are written, not read");
                })
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(r -> partition(r.kind(), r.hash()))
                                .setter(COMPUTED)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(r -> SORT)
                                .setter(COMPUTED)
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(REVOKED_UTC)
                                .getter(r -> r.revokedUtc().toString())
                                .setter(COMPUTED))
                .build();
    }

    private static final class EntryBuilder {
        private String sortKey;

        DirectoryEntry build() {
            String[] parts = sortKey.split("#", 2);
            return new DirectoryEntry(Kind.valueOf(parts[0]), parts[1]);
        }
    }

    private static TableSchema<DirectoryEntry> directorySchema() {
        return StaticImmutableTableSchema.builder(DirectoryEntry.class, EntryBuilder.class)
                .newItemBuilder(EntryBuilder::new, EntryBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(e -> DIRECTORY)
                                .setter(COMPUTED::accept)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(e -> e.kind().name() + "#" + e.hash())
                                .setter((b, v) -> b.sortKey = v)
                                .tags(primarySortKey()))
                .build();
    }
}
