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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
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
        return Arrays.stream(Index.values())
                .filter(i -> i.partitionKey().equals(attribute))
                .map(Index::indexName)
                .toList();
    }

    /** The indexes whose sort key is {@code attribute}. */
    private static List<String> sortedBy(String attribute) {
        return Arrays.stream(Index.values())
                .filter(i -> i.sortKey().equals(attribute))
                .map(Index::indexName)
                .toList();
    }

    /**
     * Every attribute stored as text, in item order: the keys, the index keys (computed from the membership on write,
     * ignored on read), then the membership's own fields. Each is read and written through the two switches below, so
     * that the schema spins three lambdas for them all instead of three per attribute (each costs a cold start ~0.15 ms).
     */
    private static final List<String> TEXT = List.of(
            PK,
            SK,
            LIST_KEY,
            ID,
            UPDATED_KEY,
            ACCOUNT_KEY,
            PROGRAM_KEY,
            STATE_KEY,
            NUMBER_KEY,
            PROVIDER_KEY,
            "ChainId",
            "AccountId",
            "LoyaltyProgramId",
            "State",
            "ProviderMembershipId",
            "MembershipNumber",
            "ExpirationDate",
            "Url",
            "LoyaltyTierId",
            "CreatorProfile",
            "UpdaterProfile",
            "CreatedUtc",
            "UpdatedUtc",
            "ActivityState");

    static final TableSchema<Membership> SCHEMA = schema();

    /** A membership as a writer reads it: with the write that holds it, if any. */
    record Held(Membership membership, Optional<String> lock) {

        /** Built the first time a function writes: a getAll never reads memberships this way. */
        static final TableSchema<Held> SCHEMA =
                Holds.schema(MembershipTable.SCHEMA, Held.class, Held::membership, Held::lock, Held::new);
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
            return new Membership(
                    id,
                    chainId,
                    accountId,
                    loyaltyProgramId,
                    state,
                    primary,
                    providerMembershipId,
                    membershipNumber,
                    points,
                    expirationDate,
                    url,
                    loyaltyTierId,
                    creatorProfile,
                    updaterProfile,
                    createdUtc,
                    updatedUtc,
                    activityState,
                    version);
        }
    }

    private static TableSchema<Membership> schema() {
        StaticImmutableTableSchema.Builder<Membership, Builder> schema = StaticImmutableTableSchema.builder(
                        Membership.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build);
        for (String name : TEXT) {
            schema.addAttribute(
                    String.class,
                    a -> a.name(name)
                            .getter(m -> text(m, name))
                            .setter((b, v) -> read(b, name, v))
                            .tags(tags(name)));
        }
        return schema.addAttribute(
                        Boolean.class,
                        a -> a.name("IsPrimary").getter(Membership::primary).setter((b, v) -> b.primary = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("Points")
                                .getter(m -> m.points().orElse(null))
                                .setter((b, v) -> b.points = Optional.ofNullable(v)))
                .addAttribute(
                        Long.class,
                        a -> a.name(VERSION).getter(Membership::version).setter((b, v) -> b.version = v))
                .build();
    }

    /** The text stored under {@code attribute}; null leaves it out (an empty field, and its sparse index's key). */
    private static String text(Membership m, String attribute) {
        return switch (attribute) {
            case PK -> TYPE + "#" + m.id();
            case SK -> TYPE;
            case LIST_KEY -> partition(Index.BY_CHAIN, m, "");
            case ID -> m.id().toString();
            case UPDATED_KEY -> MembershipOrder.UPDATED.sortKey(m);
            case ACCOUNT_KEY -> partition(Index.BY_ACCOUNT, m, m.accountId().toString());
            case PROGRAM_KEY ->
                partition(Index.BY_PROGRAM, m, m.loyaltyProgramId().toString());
            case STATE_KEY -> partition(Index.BY_STATE, m, m.state().wireName());
            case NUMBER_KEY ->
                m.membershipNumber()
                        .map(n -> partition(Index.BY_MEMBERSHIP_NUMBER, m, n))
                        .orElse(null);
            case PROVIDER_KEY ->
                m.providerMembershipId()
                        .map(p -> partition(Index.BY_PROVIDER_MEMBERSHIP_ID, m, p))
                        .orElse(null);
            case "ChainId" -> m.chainId().toString();
            case "AccountId" -> m.accountId().toString();
            case "LoyaltyProgramId" -> m.loyaltyProgramId().toString();
            case "State" -> m.state().wireName();
            case "ProviderMembershipId" -> m.providerMembershipId().orElse(null);
            case "MembershipNumber" -> m.membershipNumber().orElse(null);
            case "ExpirationDate" ->
                m.expirationDate().map(Timestamps::toSeconds).orElse(null);
            case "Url" -> m.url().orElse(null);
            case "LoyaltyTierId" -> m.loyaltyTierId().map(UUID::toString).orElse(null);
            case "CreatorProfile" -> m.creatorProfile().discriminator();
            case "UpdaterProfile" -> m.updaterProfile().discriminator();
            case "CreatedUtc" -> Timestamps.toMillis(m.createdUtc());
            case "UpdatedUtc" -> Timestamps.toMillis(m.updatedUtc());
            case "ActivityState" -> m.activityState().wireName();
            default -> throw new IllegalArgumentException("No text attribute " + attribute);
        };
    }

    /** Reads a stored text attribute into the builder; the computed keys have nowhere to go. */
    private static void read(Builder b, String attribute, String value) {
        switch (attribute) {
            case ID -> b.id = UUID.fromString(value);
            case "ChainId" -> b.chainId = UUID.fromString(value);
            case "AccountId" -> b.accountId = UUID.fromString(value);
            case "LoyaltyProgramId" -> b.loyaltyProgramId = UUID.fromString(value);
            case "State" -> b.state = MembershipState.fromWire(value).orElseThrow();
            case "ProviderMembershipId" -> b.providerMembershipId = Optional.ofNullable(value);
            case "MembershipNumber" -> b.membershipNumber = Optional.ofNullable(value);
            case "ExpirationDate" ->
                b.expirationDate = Optional.ofNullable(value).map(Timestamps::parse);
            case "Url" -> b.url = Optional.ofNullable(value);
            case "LoyaltyTierId" -> b.loyaltyTierId = Optional.ofNullable(value).map(UUID::fromString);
            case "CreatorProfile" -> b.creatorProfile = new Profile(value);
            case "UpdaterProfile" -> b.updaterProfile = new Profile(value);
            case "CreatedUtc" -> b.createdUtc = Timestamps.parse(value);
            case "UpdatedUtc" -> b.updatedUtc = Timestamps.parse(value);
            case "ActivityState" ->
                b.activityState = ActivityState.fromWire(value).orElseThrow();
            default -> {} // a key computed on write
        }
    }

    /** The primary key's tags, and a secondary key's for every index keyed by {@code attribute}. */
    private static StaticAttributeTag[] tags(String attribute) {
        List<StaticAttributeTag> tags = new ArrayList<>();
        if (attribute.equals(PK)) {
            tags.add(primaryPartitionKey());
        }
        if (attribute.equals(SK)) {
            tags.add(primarySortKey());
        }
        List<String> partitioned = partitionedBy(attribute);
        if (!partitioned.isEmpty()) {
            tags.add(secondaryPartitionKey(partitioned));
        }
        List<String> sorted = sortedBy(attribute);
        if (!sorted.isEmpty()) {
            tags.add(secondarySortKey(sorted));
        }
        return tags.toArray(new StaticAttributeTag[0]);
    }
}
