package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.membership.Membership;
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

    /** The membership a stored item holds; its stored key attributes are ignored (they are computed on write). */
    public static Membership read(Map<String, AttributeValue> item) {
        return MembershipTable.SCHEMA.mapToItem(item);
    }
}
