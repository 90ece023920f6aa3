package com.loyaltymemberships.membership;

import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.validation.MembershipQuery;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * The two getAll orders (SPEC §4), each as a string key that sorts ascending in time: a page lists keys
 * descending, and a cursor is "strictly after" when its key is smaller. The same keys are the sort keys
 * of the DynamoDB indexes, so the database and this class agree on the order by construction.
 */
public enum MembershipOrder {
    /** Newest first by creation time, then Id descending: the Id alone, as Ids are time-ordered. */
    CREATED {
        @Override
        public String sortKey(Membership m) {
            return m.id().toString();
        }

        @Override
        public Optional<String> sortKeyOf(UUID id) {
            return Optional.of(id.toString());
        }
    },
    /** Newest first by last update time, then Id descending. */
    UPDATED {
        @Override
        public String sortKey(Membership m) {
            return Timestamps.toMillis(m.updatedUtc()) + "#" + m.id();
        }

        /** The last update time is on the stored membership only: the Id holds the creation time. */
        @Override
        public Optional<String> sortKeyOf(UUID id) {
            return Optional.empty();
        }
    };

    public static MembershipOrder of(MembershipQuery query) {
        return query.inUpdateOrder() ? UPDATED : CREATED;
    }

    public abstract String sortKey(Membership m);

    /** The sort key of the membership with this Id when the Id alone gives it, without reading the membership. */
    public abstract Optional<String> sortKeyOf(UUID id);

    /** Page order: greatest key first. */
    public Comparator<Membership> pageOrder() {
        return Comparator.comparing(this::sortKey).reversed();
    }
}
