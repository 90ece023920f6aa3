package com.loyaltymemberships.changes;

import com.loyaltymemberships.contract.MembershipChangeDetail;
import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.dynamodb.MembershipItems;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipViews;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A committed membership version that subscribers hear of, read from the table's change stream: an add, an update that
 * changed what getAll shows, or a delete.
 *
 * <p>Every other change of an item is none: tokens, primary pointers, journals, Idempotency-Keys and anything else
 * that is not a membership; a membership whose version did not move (a large write holding or releasing it, the key
 * backfill); an update that changed no property getAll shows (it still has a new version and update time); an item
 * removed (only TTL or a tombstone removes a membership item: the API's delete keeps it, deleted).
 */
public record MembershipChange(Kind kind, Optional<Membership> before, Membership after) {

    /** What happened, named as the event's {@code detail-type}. */
    public enum Kind {
        ADDED("LoyaltyMembershipAdded"),
        UPDATED("LoyaltyMembershipUpdated"),
        DELETED("LoyaltyMembershipDeleted");

        private final String detailType;

        Kind(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
        }
    }

    /**
     * The change a stream record shows, from the item's images before and after (either empty when there is none), or
     * none when subscribers are not told of it (see the class comment).
     */
    public static Optional<MembershipChange> of(
            Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (!MembershipItems.isMembership(newImage)) {
            return Optional.empty();
        }
        Membership after = MembershipItems.read(newImage);
        if (!MembershipItems.isMembership(oldImage)) {
            return Optional.of(new MembershipChange(Kind.ADDED, Optional.empty(), after));
        }
        if (MembershipItems.version(oldImage) == after.version()) {
            return Optional.empty();
        }
        Membership before = MembershipItems.read(oldImage);
        if (before.isActive() && !after.isActive()) {
            return Optional.of(new MembershipChange(Kind.DELETED, Optional.of(before), after));
        }
        if (MembershipViews.of(before).changedIn(MembershipViews.of(after)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MembershipChange(Kind.UPDATED, Optional.of(before), after));
    }

    /** The same for the same membership version, whoever computes it and however often. */
    public String eventId() {
        return UUID.nameUUIDFromBytes((after.id() + "#" + after.version()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public MembershipChangeDetail detail() {
        MembershipView view = MembershipViews.of(after);
        return new MembershipChangeDetail(
                eventId(),
                after.chainId().toString(),
                view,
                kind == Kind.UPDATED ? before.map(b -> MembershipViews.of(b).changedIn(view)) : Optional.empty(),
                after.version(),
                Timestamps.toMillis(after.updatedUtc()),
                after.requestId());
    }
}
