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

import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.ActivityState;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipOrder;
import com.loyaltymemberships.membership.MembershipState;
import com.loyaltymemberships.membership.Profile;
import com.loyaltymemberships.membership.Timestamps;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Membership items: the domain record to and from DynamoDB attributes, index keys included. */
final class MembershipItems {

    static final String TYPE = "MEMBERSHIP";
    static final String VERSION = "Version";

    private MembershipItems() {}

    static Map<String, AttributeValue> key(UUID id) {
        return Map.of(PK, s(TYPE + "#" + id), SK, s(TYPE));
    }

    /** The partition of {@code index} that holds one chain's memberships in one activity state with one value. */
    static String partition(Index index, UUID chainId, ActivityState activity, String value) {
        String list = chainId + "#" + activity.keyCode();
        return index.partitionKey().equals(LIST_KEY) ? list : list + "#" + value;
    }

    static Map<String, AttributeValue> toItem(Membership m) {
        Map<String, AttributeValue> item = new HashMap<>(key(m.id()));
        ActivityState activity = m.activityState();
        item.put(LIST_KEY, s(partition(Index.BY_CHAIN, m.chainId(), activity, "")));
        item.put(ID, s(m.id().toString()));
        item.put(UPDATED_KEY, s(MembershipOrder.UPDATED.sortKey(m)));
        item.put(ACCOUNT_KEY, s(partition(Index.BY_ACCOUNT, m.chainId(), activity, m.accountId().toString())));
        item.put(PROGRAM_KEY, s(partition(Index.BY_PROGRAM, m.chainId(), activity, m.loyaltyProgramId().toString())));
        item.put(STATE_KEY, s(partition(Index.BY_STATE, m.chainId(), activity, m.state().wireName())));
        m.membershipNumber().ifPresent(n -> item.put(NUMBER_KEY, s(partition(Index.BY_MEMBERSHIP_NUMBER, m.chainId(), activity, n))));
        m.providerMembershipId().ifPresent(p -> item.put(PROVIDER_KEY, s(partition(Index.BY_PROVIDER_MEMBERSHIP_ID, m.chainId(), activity, p))));

        item.put("ChainId", s(m.chainId().toString()));
        item.put("AccountId", s(m.accountId().toString()));
        item.put("LoyaltyProgramId", s(m.loyaltyProgramId().toString()));
        item.put("State", s(m.state().wireName()));
        item.put("IsPrimary", AttributeValue.fromBool(m.primary()));
        m.providerMembershipId().ifPresent(v -> item.put("ProviderMembershipId", s(v)));
        m.membershipNumber().ifPresent(v -> item.put("MembershipNumber", s(v)));
        m.points().ifPresent(v -> item.put("Points", AttributeValue.fromN(Integer.toString(v))));
        m.expirationDate().ifPresent(v -> item.put("ExpirationDate", s(Timestamps.toSeconds(v))));
        m.url().ifPresent(v -> item.put("Url", s(v)));
        m.loyaltyTierId().ifPresent(v -> item.put("LoyaltyTierId", s(v.toString())));
        item.put("CreatorProfile", s(m.creatorProfile().discriminator()));
        item.put("UpdaterProfile", s(m.updaterProfile().discriminator()));
        item.put("CreatedUtc", s(Timestamps.toMillis(m.createdUtc())));
        item.put("UpdatedUtc", s(Timestamps.toMillis(m.updatedUtc())));
        item.put("ActivityState", s(activity.wireName()));
        item.put(VERSION, AttributeValue.fromN(Long.toString(m.version())));
        return item;
    }

    static Membership fromItem(Map<String, AttributeValue> item) {
        return new Membership(
                UUID.fromString(text(item, ID)),
                UUID.fromString(text(item, "ChainId")),
                UUID.fromString(text(item, "AccountId")),
                UUID.fromString(text(item, "LoyaltyProgramId")),
                MembershipState.fromWire(text(item, "State")).orElseThrow(),
                item.get("IsPrimary").bool(),
                optional(item, "ProviderMembershipId", Function.identity()),
                optional(item, "MembershipNumber", Function.identity()),
                Optional.ofNullable(item.get("Points")).map(v -> Integer.parseInt(v.n())),
                optional(item, "ExpirationDate", Timestamps::parse),
                optional(item, "Url", Function.identity()),
                optional(item, "LoyaltyTierId", UUID::fromString),
                new Profile(text(item, "CreatorProfile")),
                new Profile(text(item, "UpdaterProfile")),
                Timestamps.parse(text(item, "CreatedUtc")),
                Timestamps.parse(text(item, "UpdatedUtc")),
                ActivityState.fromWire(text(item, "ActivityState")).orElseThrow(),
                Long.parseLong(item.get(VERSION).n()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.get(name).s();
    }

    private static <T> Optional<T> optional(Map<String, AttributeValue> item, String name, Function<String, T> parse) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s).map(parse);
    }
}
