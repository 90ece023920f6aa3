package com.loyaltymemberships.devkit;

import java.util.ArrayList;
import java.util.List;

/** What an interceptor has recorded since it was last drained, in order; thread-safe. */
final class Recorded<T> {
    private final List<T> items = new ArrayList<>();

    synchronized void add(T item) {
        items.add(item);
    }

    /** Everything recorded since the last drain, and forgets it. */
    synchronized List<T> drain() {
        List<T> drained = List.copyOf(items);
        items.clear();
        return drained;
    }

    /** Everything recorded since the last drain. */
    synchronized List<T> all() {
        return List.copyOf(items);
    }
}
