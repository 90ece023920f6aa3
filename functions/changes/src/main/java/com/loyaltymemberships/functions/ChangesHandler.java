package com.loyaltymemberships.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.loyaltymemberships.changes.ChangeStreamFunction;

/**
 * The table's change stream to the events' bus: one event per committed membership version (docs/EVENTS.md). Lambda's
 * event source mapping (template.yaml) hands it batches of stream records and takes its partial batch response.
 */
public final class ChangesHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final ChangeStreamFunction FUNCTION = ChangeStreamFunction.fromEnvironment();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return FUNCTION.handle(event);
    }
}
