package com.loyaltymemberships.changes;

import java.util.List;

/** Where change events go: EventBridge in AWS ({@link EventBridgeBus}), a file of JSON lines locally. */
public interface EventBus {

    /** The most events {@link #put} takes at once (EventBridge's PutEvents takes 10 entries). */
    int MAX_EVENTS = 10;

    /**
     * Puts up to {@link #MAX_EVENTS} events, of distinct memberships.
     *
     * @return those the bus refused (the instances given), which may be tried again; the rest are on the bus
     * @throws RuntimeException when the call failed as a whole: then none may be on the bus
     */
    List<ChangeEvent> put(List<ChangeEvent> events);
}
