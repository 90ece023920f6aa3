package com.loyaltymemberships.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipOrder;
import com.loyaltymemberships.membership.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Membership items: the domain record mapped straight to its DynamoDB item, built once per JVM with no bean
 * introspection. The key and index attributes are computed from the membership on write (and ignored on
 * read): its chain and activity state are in every index partition key, so each tenant's active and deleted
 * memberships are separate key ranges.
 */
final class MembershipTable {

    static final String TYPE = "MEMBERSHIP";
    static final String VERSION = "Version";

    /**
     * Every attribute stored as text, in item order: first the table's keys and the index keys, computed from the
     * membership on write and ignored on read, then the membership's own fields. Each is named once, by its constant
     * here; {@link #write} says how it is written from a membership, {@link #read} how it is read into the builder.
     *
     * <p>To store a new field: its constant here, its line in each switch, and its field in {@link Builder}. javac
     * rejects a constant without its line in {@code write} (the switch has no default); {@code MembershipTableTest}
     * fails, naming it, for a field that {@code read} leaves out, and pins every stored name and value.
     *
     * <p>The schema calls these switches from one getter and one setter for them all, rather than holding a getter and
     * a setter lambda per attribute: every lambda is a class spun at run time, about 0.1 ms of a cold start each
     * (docs/BENCHMARKS.md).
     */
    enum TextAttribute {
        PK(TableDefinition.PK),
        SK(TableDefinition.SK),
        LIST_KEY(TableDefinition.LIST_KEY),
        ID(TableDefinition.ID),
        UPDATED_KEY(TableDefinition.UPDATED_KEY),
        ACCOUNT_KEY(TableDefinition.ACCOUNT_KEY),
        PROGRAM_KEY(TableDefinition.PROGRAM_KEY),
        STATE_KEY(TableDefinition.STATE_KEY),
        NUMBER_KEY(TableDefinition.NUMBER_KEY),
        PROVIDER_KEY(TableDefinition.PROVIDER_KEY),
        CHAIN_ID("ChainId"),
        ACCOUNT_ID("AccountId"),
        LOYALTY_PROGRAM_ID("LoyaltyProgramId"),
        STATE("State"),
        PROVIDER_MEMBERSHIP_ID("ProviderMembershipId"),
        MEMBERSHIP_NUMBER("MembershipNumber"),
        EXPIRATION_DATE("ExpirationDate"),
        URL("Url"),
        LOYALTY_TIER_ID("LoyaltyTierId"),
        CREATOR_PROFILE("CreatorProfile"),
        UPDATER_PROFILE("UpdaterProfile"),
        CREATED_UTC("CreatedUtc"),
        UPDATED_UTC("UpdatedUtc"),
        ACTIVITY_STATE("ActivityState"),
        /** The API request that wrote this version: change events name it (docs/EVENTS.md). */
        REQUEST_ID("RequestId");

        private final String attributeName;

        TextAttribute(String attributeName) {
            this.attributeName = attributeName;
        }

        String attributeName() {
            return attributeName;
        }

        /** The text stored for {@code m}; null leaves the attribute out (an empty field, and its sparse index's key). */
        String write(Membership m) {
            return switch (this) {
                case PK -> TYPE + "#" + m.id();
                case SK -> TYPE;
                case LIST_KEY -> partition(Index.BY_CHAIN, m);
                case ID -> m.id().toString();
                case UPDATED_KEY -> MembershipOrder.UPDATED.sortKey(m);
                case ACCOUNT_KEY -> partition(Index.BY_ACCOUNT, m);
                case PROGRAM_KEY -> partition(Index.BY_PROGRAM, m);
                case STATE_KEY -> partition(Index.BY_STATE, m);
                case NUMBER_KEY -> partition(Index.BY_MEMBERSHIP_NUMBER, m);
                case PROVIDER_KEY -> partition(Index.BY_PROVIDER_MEMBERSHIP_ID, m);
                case CHAIN_ID -> m.chainId().toString();
                case ACCOUNT_ID -> m.accountId().toString();
                case LOYALTY_PROGRAM_ID -> m.loyaltyProgramId().toString();
                case STATE -> m.state().wireName();
                case PROVIDER_MEMBERSHIP_ID -> m.providerMembershipId().orElse(null);
                case MEMBERSHIP_NUMBER -> m.membershipNumber().orElse(null);
                case EXPIRATION_DATE ->
                    m.expirationDate().map(Timestamps::toSeconds).orElse(null);
                case URL -> m.url().orElse(null);
                case LOYALTY_TIER_ID -> m.loyaltyTierId().map(UUID::toString).orElse(null);
                case CREATOR_PROFILE -> m.creatorProfile().discriminator();
                case UPDATER_PROFILE -> m.updaterProfile().discriminator();
                case CREATED_UTC -> Timestamps.toMillis(m.createdUtc());
                case UPDATED_UTC -> Timestamps.toMillis(m.updatedUtc());
                case ACTIVITY_STATE -> m.activityState().wireName();
                case REQUEST_ID -> m.requestId().orElse(null);
            };
        }

        /** A key computed from the membership's own fields on write, and ignored on read. */
        boolean computed() {
            return switch (this) {
                case PK, SK, LIST_KEY, UPDATED_KEY, ACCOUNT_KEY, PROGRAM_KEY, STATE_KEY, NUMBER_KEY, PROVIDER_KEY ->
                    true;
                default -> false;
            };
        }

        /** Reads the stored {@code text} into the builder; a key computed on write has nowhere to go. */
        void read(Builder b, String text) {
            if (computed()) {
                return;
            }
            switch (this) {
                case ID -> b.id = UUID.fromString(text);
                case CHAIN_ID -> b.chainId = UUID.fromString(text);
                case ACCOUNT_ID -> b.accountId = UUID.fromString(text);
                case LOYALTY_PROGRAM_ID -> b.loyaltyProgramId = UUID.fromString(text);
                case STATE -> b.state = MembershipState.fromWire(text).orElseThrow();
                case PROVIDER_MEMBERSHIP_ID -> b.providerMembershipId = Optional.ofNullable(text);
                case MEMBERSHIP_NUMBER -> b.membershipNumber = Optional.ofNullable(text);
                case EXPIRATION_DATE ->
                    b.expirationDate = Optional.ofNullable(text).map(Timestamps::parse);
                case URL -> b.url = Optional.ofNullable(text);
                case LOYALTY_TIER_ID ->
                    b.loyaltyTierId = Optional.ofNullable(text).map(UUID::fromString);
                case CREATOR_PROFILE -> b.creatorProfile = new Profile(text);
                case UPDATER_PROFILE -> b.updaterProfile = new Profile(text);
                case CREATED_UTC -> b.createdUtc = Timestamps.parse(text);
                case UPDATED_UTC -> b.updatedUtc = Timestamps.parse(text);
                case ACTIVITY_STATE ->
                    b.activityState = ActivityState.fromWire(text).orElseThrow();
                case REQUEST_ID -> b.requestId = Optional.ofNullable(text);
            }
        }

        /**
         * The primary key's tags, and a secondary key's naming every index keyed by this attribute, in both sets: the
         * schema must name them all, or they cannot be queried.
         */
        StaticAttributeTag[] tags() {
            List<StaticAttributeTag> tags = new ArrayList<>();
            if (this == PK) {
                tags.add(primaryPartitionKey());
            }
            if (this == SK) {
                tags.add(primarySortKey());
            }
            List<String> partitioned = new ArrayList<>();
            List<String> sorted = new ArrayList<>();
            for (Index index : Index.values()) {
                for (IndexSet set : IndexSet.values()) {
                    if (index.partitionKey().equals(attributeName)) {
                        partitioned.add(set.nameOf(index));
                    }
                    if (index.sortKey().equals(attributeName)) {
                        sorted.add(set.nameOf(index));
                    }
                }
            }
            if (!partitioned.isEmpty()) {
                tags.add(secondaryPartitionKey(partitioned));
            }
            if (!sorted.isEmpty()) {
                tags.add(secondarySortKey(sorted));
            }
            return tags.toArray(new StaticAttributeTag[0]);
        }
    }

    static final TableSchema<Membership> SCHEMA = schema();

    /** A membership as a writer reads it: with the write that holds it, if any. */
    record HeldMembership(Membership membership, Optional<String> lock) {

        /** Built the first time a function writes: a getAll never reads memberships this way. */
        static final TableSchema<HeldMembership> SCHEMA = Holds.schema(
                MembershipTable.SCHEMA,
                HeldMembership.class,
                HeldMembership::membership,
                HeldMembership::lock,
                HeldMembership::new);
    }

    private MembershipTable() {}

    /**
     * The item's own fields and version, without the keys computed from them: all that {@link #SCHEMA} needs to read
     * the membership back, and to write its item again with every key.
     */
    static Map<String, AttributeValue> ownFields(Membership m) {
        Map<String, AttributeValue> item = new HashMap<>(SCHEMA.itemToMap(m, true));
        for (TextAttribute text : TextAttribute.values()) {
            if (text.computed()) {
                item.remove(text.attributeName());
            }
        }
        return item;
    }

    static Key key(UUID id) {
        return Key.builder().partitionValue(TYPE + "#" + id).sortValue(TYPE).build();
    }

    /**
     * The partition of {@code index} that holds one chain's memberships in one activity state with one value, in one
     * write shard (ignored by an index that is not sharded).
     */
    static String partition(Index index, UUID chainId, ActivityState activity, String value, int shard) {
        String list = chainId + "#" + activity.keyCode();
        String key = index.partitionKey().equals(TableDefinition.LIST_KEY) ? list : list + "#" + value;
        return index.sharded() ? key + WriteShards.suffix(shard) : key;
    }

    /** The partition key {@code m} has in {@code index}; null, so that it is not in a sparse index, without a value. */
    private static String partition(Index index, Membership m) {
        return partitionIn(index, m, WriteShards.of(m.id())).orElse(null);
    }

    /**
     * The partition of {@code index} that holds {@code m} when it is in write shard {@code shard}: its own shard, or
     * shard 0 for one stored before write sharding and not yet moved ({@link MembershipItems#unsharded}). None when
     * {@code m} has no value for a sparse index.
     */
    static Optional<String> partitionIn(Index index, Membership m, int shard) {
        Optional<String> value = switch (index) {
            case BY_CHAIN, BY_CHAIN_UPDATED -> Optional.of("");
            case BY_ACCOUNT -> Optional.of(m.accountId().toString());
            case BY_PROGRAM, BY_PROGRAM_UPDATED ->
                Optional.of(m.loyaltyProgramId().toString());
            case BY_STATE, BY_STATE_UPDATED -> Optional.of(m.state().wireName());
            case BY_MEMBERSHIP_NUMBER -> m.membershipNumber();
            case BY_PROVIDER_MEMBERSHIP_ID -> m.providerMembershipId();
        };
        return value.map(v -> partition(index, m.chainId(), m.activityState(), v, shard));
    }

    /** The sort key {@code m} has in {@code index}. */
    static String sortKeyIn(Index index, Membership m) {
        return (index.sortsById() ? MembershipOrder.CREATED : MembershipOrder.UPDATED).sortKey(m);
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
        private Optional<String> requestId = Optional.empty();

        /** Null for a tombstone ({@link PrimaryClaims}), an item with the key of a membership that never was: no Id. */
        Membership build() {
            if (id == null) {
                return null;
            }
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
                    version,
                    requestId);
        }
    }

    private static TableSchema<Membership> schema() {
        StaticImmutableTableSchema.Builder<Membership, Builder> schema = StaticImmutableTableSchema.builder(
                        Membership.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build);
        for (TextAttribute text : TextAttribute.values()) {
            schema.addAttribute(
                    String.class,
                    a -> a.name(text.attributeName())
                            .getter(text::write)
                            .setter(text::read)
                            .tags(text.tags()));
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
}
