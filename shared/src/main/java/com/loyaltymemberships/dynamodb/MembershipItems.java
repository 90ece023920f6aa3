package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.membership.Membership;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A membership as the service stores it, for tools that write the table without the service (the key backfill, test
 * and benchmark seeding): the item's key and index attributes are always those the current code computes.
 */
public final class MembershipItems {

    private MembershipItems() {}

    /** The item the service writes for {@code membership}: its fields, its version, and every key computed from them. */
    public static Map<String, AttributeValue> of(Membership membership) {
        return MembershipTable.SCHEMA.itemToMap(membership, true);
    }

    /**
     * True when {@code item} is a membership as the service writes it: not a token, pointer, journal, hold of another
     * kind, Idempotency-Key or any other item of the table, nor what is left of a membership without its fields.
     */
    public static boolean isMembership(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(TableDefinition.SK);
        return sk != null
                && MembershipTable.TYPE.equals(sk.s())
                && item.containsKey(MembershipTable.VERSION)
                && item.containsKey(MembershipTable.TextAttribute.CHAIN_ID.attributeName());
    }

    /** The version a stored membership item holds ({@link #isMembership}). */
    public static long version(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get(MembershipTable.VERSION).n());
    }

    /** The membership a stored item holds; its stored key attributes are ignored (they are computed on write). */
    public static Membership read(Map<String, AttributeValue> item) {
        return MembershipTable.SCHEMA.mapToItem(item);
    }

    /**
     * The item the release before write sharding stored for {@code membership}: {@link #of}, with the partition key of
     * every sharded index in shard 0, which has no suffix ({@link WriteShards}): that release computed the same
     * attributes from the same fields, without the shard (git show 9d74bf8:.../MembershipTable.java). For tests of
     * the key backfill ({@link KeyBackfill}).
     */
    public static Map<String, AttributeValue> unsharded(Membership membership) {
        Map<String, AttributeValue> item = new HashMap<>(of(membership));
        String suffix = WriteShards.suffix(WriteShards.of(membership.id()));
        // Each attribute once: two indexes (creation and update order) share each sharded partition key.
        Arrays.stream(Index.values())
                .filter(Index::sharded)
                .map(Index::partitionKey)
                .distinct()
                .forEach(name -> {
                    String sharded = item.get(name).s();
                    item.put(name, AttributeValue.fromS(sharded.substring(0, sharded.length() - suffix.length())));
                });
        return item;
    }
}
