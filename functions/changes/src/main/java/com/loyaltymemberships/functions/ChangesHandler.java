package com.loyaltymemberships.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.loyaltymemberships.changes.ChangeStreamFunction;
import org.crac.Core;
import org.crac.Resource;

/**
 * The table's change stream to the events' bus: one event per committed membership version (docs/EVENTS.md). Lambda's
 * event source mapping (template.yaml) hands it batches of stream records and takes its partial batch response. It
 * primes the JVM before a SnapStart snapshot (CRaC {@code beforeCheckpoint}), as the API's handlers do.
 */
public final class ChangesHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {

    private static final ChangeStreamFunction FUNCTION = ChangeStreamFunction.fromEnvironment();

    public ChangesHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return FUNCTION.handle(event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        FUNCTION.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: the client resolves credentials and connections lazily after restore.
    }
}
