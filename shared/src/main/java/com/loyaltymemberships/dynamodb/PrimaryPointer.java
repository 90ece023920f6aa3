package com.loyaltymemberships.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The item that names an account's primary membership in a chain (SPEC §8). Reading it strongly consistently
 * and writing it conditionally in the same transaction as the memberships keeps two concurrent requests from
 * both making a primary. A pointer written ahead of its new membership, outside a transaction, is a claim: it carries
 * {@code claimUntil}, the end of its lease ({@link PrimaryClaims}).
 */
record PrimaryPointer(UUID chainId, UUID accountId, UUID membershipId, Optional<Instant> claimUntil) {

    static final String TYPE = "PRIMARY";
    /** The attribute a pointer's conditions name. */
    static final String POINTER_TARGET = "MembershipId";
    /** The attribute of a claim: the end of its lease, epoch milliseconds. */
    static final String CLAIM_UNTIL = "ClaimUntil";

    /** A pointer written with its membership, in one transaction. */
    PrimaryPointer(UUID chainId, UUID accountId, UUID membershipId) {
        this(chainId, accountId, membershipId, Optional.empty());
    }

    static final TableSchema<PrimaryPointer> SCHEMA = schema();

    /** A pointer as a writer reads it: with the write that holds it, if any (a held pointer may have no target yet). */
    record HeldPointer(Optional<PrimaryPointer> pointer, Optional<String> lock) {}

    static final TableSchema<HeldPointer> HELD = Holds.schema(
            SCHEMA,
            HeldPointer.class,
            h -> h.pointer().orElse(null),
            HeldPointer::lock,
            (pointer, lock) ->
                    new HeldPointer(Optional.ofNullable(pointer).filter(p -> p.membershipId() != null), lock));

    static Key key(UUID chainId, UUID accountId) {
        return Key.builder()
                .partitionValue(TYPE + "#" + chainId + "#" + accountId)
                .sortValue(TYPE)
                .build();
    }

    private static final class Builder {
        private UUID chainId;
        private UUID accountId;
        private UUID membershipId;
        private Optional<Instant> claimUntil = Optional.empty();

        /** A pointer item a write holds before it names a target ({@link Holds}) reads back without chain and account. */
        PrimaryPointer build() {
            return chainId == null ? null : new PrimaryPointer(chainId, accountId, membershipId, claimUntil);
        }
    }

    private static TableSchema<PrimaryPointer> schema() {
        BiConsumer<Builder, String> computed = (b, v) -> {};
        return StaticImmutableTableSchema.builder(PrimaryPointer.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(p -> TYPE + "#" + p.chainId() + "#" + p.accountId())
                                .setter(computed)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(p -> TYPE)
                                .setter(computed)
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class,
                        a -> a.name("ChainId")
                                .getter(p -> p.chainId().toString())
                                .setter((b, v) -> b.chainId = UUID.fromString(v)))
                .addAttribute(
                        String.class,
                        a -> a.name("AccountId")
                                .getter(p -> p.accountId().toString())
                                .setter((b, v) -> b.accountId = UUID.fromString(v)))
                .addAttribute(
                        String.class,
                        a -> a.name(POINTER_TARGET)
                                .getter(p -> p.membershipId().toString())
                                .setter((b, v) -> b.membershipId = UUID.fromString(v)))
                .addAttribute(
                        Long.class,
                        a -> a.name(CLAIM_UNTIL)
                                .getter(p -> p.claimUntil()
                                        .map(Instant::toEpochMilli)
                                        .orElse(null))
                                .setter((b, v) ->
                                        b.claimUntil = Optional.ofNullable(v).map(Instant::ofEpochMilli)))
                .build();
    }
}
