package com.loyaltymemberships.acceptance;

import com.loyaltymemberships.devkit.DynamoDbEngine;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Tells whether a request changed the store, cheaply: its client records every DynamoDB request, and the store is
 * read whole ({@link StoreSnapshot}, a Scan) only after a request that sent a write. One client used by one thread
 * at a time: without a write request nothing can have changed.
 */
final class StoreWatch {

    /** The IAM actions that change items; {@link ActionRecorder} names the parts of a transaction by these too. */
    private static final Set<String> WRITES =
            Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    private final ActionRecorder requests = new ActionRecorder();
    /** The client to build the watched service on. */
    final DynamoDbClient client;

    private TestApi api;
    private StoreSnapshot known;

    StoreWatch(DynamoDbEngine engine) {
        client = engine.newClient(requests);
    }

    /** From now on, watches the table of {@code api} (built on {@link #client}), as it is now. */
    void watch(TestApi watched) {
        api = watched;
        known = StoreSnapshot.of(watched);
        requests.reset();
    }

    /** Fails if the store changed since the last call (and takes it as it is now, so that one failure stays one). */
    void assertUnchanged(String what) {
        StoreSnapshot before = known;
        accept();
        before.assertUnchanged(known, what);
    }

    /** Takes whatever changed since the last call as the new state; answers how many items the table holds. */
    int accept() {
        boolean wrote = requests.actions.stream().anyMatch(WRITES::contains);
        requests.reset();
        if (wrote) {
            known = StoreSnapshot.of(api);
        }
        return known.size();
    }
}
