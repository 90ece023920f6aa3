package com.loyaltymemberships.dynamodb;

import static com.loyaltymemberships.dynamodb.TableDefinition.ACCOUNT_KEY;
import static com.loyaltymemberships.dynamodb.TableDefinition.ID;
import static com.loyaltymemberships.dynamodb.TableDefinition.LIST_KEY;
import static com.loyaltymemberships.dynamodb.TableDefinition.NUMBER_KEY;
import static com.loyaltymemberships.dynamodb.TableDefinition.PK;
import static com.loyaltymemberships.dynamodb.TableDefinition.PROGRAM_KEY;
import static com.loyaltymemberships.dynamodb.TableDefinition.PROVIDER_KEY;
import static com.loyaltymemberships.dynamodb.TableDefinition.SK;
import static com.loyaltymemberships.dynamodb.TableDefinition.STATE_KEY;
import static com.loyaltymemberships.dynamodb.TableDefinition.UPDATED_KEY;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipOrder;
import com.loyaltymemberships.membership.Profile;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Membership items: the domain record mapped straight to its DynamoDB item, built once per JVM with no bean
 * introspection. The key and index attributes are computed from the membership on write (and ignored on
 * read): its chain and activity state are in every index partition key, so each tenant's active and deleted
 * memberships are separate key ranges.
 */
final class MembershipTable {

    static final String TYPE = "MEMBERSHIP";
    static final String VERSION = "Version";


    /** The indexes whose partition key is {@code attribute}: the schema must name them all, or they cannot be queried. */
    private static List<String> partitionedBy(String attribute) {
        return Arrays.stream(Index.values()).filter(i -> i.partitionKey().equals(attribute)).map(Index::indexName).toList();
    }

    /** The indexes whose sort key is {@code attribute}. */
    private static List<String> sortedBy(String attribute) {
        return Arrays.stream(Index.values()).filter(i -> i.sortKey().equals(attribute)).map(Index::indexName).toList();
    }

    static final TableSchema<Membership> SCHEMA = schema();

    /** A membership as a writer reads it: with the write that holds it, if any. */
    record Held(Membership membership, Optional<String> lock) {

        /** Built the first time a function writes: a getAll never reads memberships this way. */
        static final TableSchema<Held> SCHEMA = Holds.schema(MembershipTable.SCHEMA, Held.class, Held::membership, Held::lock, Held::new);
    }

    private MembershipTable() {}

    static Key key(UUID id) {
        return Key.builder().partitionValue(TYPE + "#" + id).sortValue(TYPE).build();
    }

    /** The partition of {@code index} that holds one chain's memberships in one activity state with one value. */
    static String partition(Index index, UUID chainId, ActivityState activity, String value) {
        String list = chainId + "#" + activity.keyCode();
        return index.partitionKey().equals(LIST_KEY) ? list : list + "#" + value;
    }

    private static String partition(Index index, Membership m, String value) {
        return partition(index, m.chainId(), m.activityState(), value);
    }

    /** Collects what a read returns; the computed key attributes have nowhere to go. */
    static final class Builder {
        private UUID id;
        private UUID chainId;
        private UUID accountId;
        private UUID loyaltyProgramId;
        private MembershipState state;
        private boolean primary;
        private Optional<String> providerMembershipId = Optional.empty();
        private Optional<String> membershipNumber = Optional.empty();
        private Optional<Integer> points = Optional.empty();
        private Optional<Instant> expirationDate = Optional.empty();
        private Optional<String> url = Optional.empty();
        private Optional<UUID> loyaltyTierId = Optional.empty();
        private Profile creatorProfile;
        private Profile updaterProfile;
        private Instant createdUtc;
        private Instant updatedUtc;
        private ActivityState activityState;
        private long version;

        Membership build() {
            return new Membership(id, chainId, accountId, loyaltyProgramId, state, primary, providerMembershipId, membershipNumber,
                    points, expirationDate, url, loyaltyTierId, creatorProfile, updaterProfile, createdUtc, updatedUtc,
                    activityState, version);
        }
    }

    private static TableSchema<Membership> schema() {
        BiConsumer<Builder, String> computed = (b, v) -> { };
        return StaticImmutableTableSchema.builder(Membership.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name(PK).getter(m -> TYPE + "#" + m.id()).setter(computed).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(SK).getter(m -> TYPE).setter(computed).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name(LIST_KEY).getter(m -> partition(Index.BY_CHAIN, m, "")).setter(computed)
                        .tags(secondaryPartitionKey(partitionedBy(LIST_KEY))))
                .addAttribute(String.class, a -> a.name(ID).getter(m -> m.id().toString()).setter((b, v) -> b.id = UUID.fromString(v))
                        .tags(secondarySortKey(sortedBy(ID))))
                .addAttribute(String.class, a -> a.name(UPDATED_KEY).getter(MembershipOrder.UPDATED::sortKey).setter(computed)
                        .tags(secondarySortKey(sortedBy(UPDATED_KEY))))
                .addAttribute(String.class, a -> a.name(ACCOUNT_KEY).getter(m -> partition(Index.BY_ACCOUNT, m, m.accountId().toString()))
                        .setter(computed).tags(secondaryPartitionKey(partitionedBy(ACCOUNT_KEY))))
                .addAttribute(String.class, a -> a.name(PROGRAM_KEY).getter(m -> partition(Index.BY_PROGRAM, m, m.loyaltyProgramId().toString()))
                        .setter(computed).tags(secondaryPartitionKey(partitionedBy(PROGRAM_KEY))))
                .addAttribute(String.class, a -> a.name(STATE_KEY).getter(m -> partition(Index.BY_STATE, m, m.state().wireName()))
                        .setter(computed).tags(secondaryPartitionKey(partitionedBy(STATE_KEY))))
                // Sparse indexes: a membership without a number or provider Id has no entry in them.
                .addAttribute(String.class, a -> a.name(NUMBER_KEY)
                        .getter(m -> m.membershipNumber().map(n -> partition(Index.BY_MEMBERSHIP_NUMBER, m, n)).orElse(null))
                        .setter(computed).tags(secondaryPartitionKey(partitionedBy(NUMBER_KEY))))
                .addAttribute(String.class, a -> a.name(PROVIDER_KEY)
                        .getter(m -> m.providerMembershipId().map(p -> partition(Index.BY_PROVIDER_MEMBERSHIP_ID, m, p)).orElse(null))
                        .setter(computed).tags(secondaryPartitionKey(partitionedBy(PROVIDER_KEY))))
                .addAttribute(String.class, a -> a.name("ChainId").getter(m -> m.chainId().toString()).setter((b, v) -> b.chainId = UUID.fromString(v)))
                .addAttribute(String.class, a -> a.name("AccountId").getter(m -> m.accountId().toString()).setter((b, v) -> b.accountId = UUID.fromString(v)))
                .addAttribute(String.class, a -> a.name("LoyaltyProgramId").getter(m -> m.loyaltyProgramId().toString())
                        .setter((b, v) -> b.loyaltyProgramId = UUID.fromString(v)))
                .addAttribute(String.class, a -> a.name("State").getter(m -> m.state().wireName())
                        .setter((b, v) -> b.state = MembershipState.fromWire(v).orElseThrow()))
                .addAttribute(Boolean.class, a -> a.name("IsPrimary").getter(Membership::primary).setter((b, v) -> b.primary = v))
                .addAttribute(String.class, a -> optional(a.name("ProviderMembershipId"), Membership::providerMembershipId, Function.identity(),
                        (b, v) -> b.providerMembershipId = v))
                .addAttribute(String.class, a -> optional(a.name("MembershipNumber"), Membership::membershipNumber, Function.identity(),
                        (b, v) -> b.membershipNumber = v))
                .addAttribute(Integer.class, a -> a.name("Points").getter(m -> m.points().orElse(null)).setter((b, v) -> b.points = Optional.ofNullable(v)))
                .addAttribute(String.class, a -> optional(a.name("ExpirationDate"), m -> m.expirationDate().map(Timestamps::toSeconds),
                        Timestamps::parse, (b, v) -> b.expirationDate = v))
                .addAttribute(String.class, a -> optional(a.name("Url"), Membership::url, Function.identity(), (b, v) -> b.url = v))
                .addAttribute(String.class, a -> optional(a.name("LoyaltyTierId"), m -> m.loyaltyTierId().map(UUID::toString), UUID::fromString,
                        (b, v) -> b.loyaltyTierId = v))
                .addAttribute(String.class, a -> a.name("CreatorProfile").getter(m -> m.creatorProfile().discriminator())
                        .setter((b, v) -> b.creatorProfile = new Profile(v)))
                .addAttribute(String.class, a -> a.name("UpdaterProfile").getter(m -> m.updaterProfile().discriminator())
                        .setter((b, v) -> b.updaterProfile = new Profile(v)))
                .addAttribute(String.class, a -> a.name("CreatedUtc").getter(m -> Timestamps.toMillis(m.createdUtc()))
                        .setter((b, v) -> b.createdUtc = Timestamps.parse(v)))
                .addAttribute(String.class, a -> a.name("UpdatedUtc").getter(m -> Timestamps.toMillis(m.updatedUtc()))
                        .setter((b, v) -> b.updatedUtc = Timestamps.parse(v)))
                .addAttribute(String.class, a -> a.name("ActivityState").getter(m -> m.activityState().wireName())
                        .setter((b, v) -> b.activityState = ActivityState.fromWire(v).orElseThrow()))
                .addAttribute(Long.class, a -> a.name(VERSION).getter(Membership::version).setter((b, v) -> b.version = v))
                .build();
    }

    /** An optional field stored as text: absent when empty, and read back as empty when absent. */
    private static <T> void optional(ImmutableAttribute.Builder<Membership, Builder, String> attribute,
                                     Function<Membership, Optional<String>> getter, Function<String, T> parse,
                                     BiConsumer<Builder, Optional<T>> setter) {
        attribute.getter(m -> getter.apply(m).orElse(null)).setter((b, v) -> setter.accept(b, Optional.ofNullable(v).map(parse)));
    }
}
