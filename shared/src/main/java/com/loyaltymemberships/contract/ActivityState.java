package com.loyaltymemberships.contract;

import java.util.Optional;

/** Whether a membership is live or soft-deleted; deleted memberships keep existing (SPEC §7). */
public enum ActivityState {
    ACTIVE("Active", "A"),
    DELETED("Deleted", "D");

    private final String wireName;
    private final String keyCode;

    ActivityState(String wireName, String keyCode) {
        this.wireName = wireName;
        this.keyCode = keyCode;
    }

    public String wireName() {
        return wireName;
    }

    /** The short form used inside DynamoDB keys. */
    public String keyCode() {
        return keyCode;
    }

    public static Optional<ActivityState> fromWire(String name) {
        for (ActivityState state : values()) {
            if (state.wireName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
