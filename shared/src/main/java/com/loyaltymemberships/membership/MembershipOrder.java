package com.loyaltymemberships.membership;

import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.validation.MembershipQuery;
import java.util.Comparator;

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
    },
    /** Newest first by last update time, then Id descending. */
    UPDATED {
        @Override
        public String sortKey(Membership m) {
            return Timestamps.toMillis(m.updatedUtc()) + "#" + m.id();
        }
    };

    public static MembershipOrder of(MembershipQuery query) {
        return query.inUpdateOrder() ? UPDATED : CREATED;
    }

    public abstract String sortKey(Membership m);

    /** Page order: greatest key first. */
    public Comparator<Membership> pageOrder() {
        return Comparator.comparing(this::sortKey).reversed();
    }
}
