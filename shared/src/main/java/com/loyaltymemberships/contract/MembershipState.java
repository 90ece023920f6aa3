package com.loyaltymemberships.contract;

import java.util.Optional;

/** Membership state; the wire names are Mews's, including the one-l "Canceled". */
public enum MembershipState {
    NEW("New"),
    PENDING("Pending"),
    ENROLLED("Enrolled"),
    CANCELED("Canceled"),
    DECLINED("Declined");

    private final String wireName;

    MembershipState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Exact, case-sensitive match: the contract makes only property names and GUIDs case-insensitive. */
    public static Optional<MembershipState> fromWire(String name) {
        for (MembershipState state : values()) {
            if (state.wireName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
