package com.loyaltymemberships.bench.baseline;

import com.loyaltymemberships.dynamodb.DynamoDbClients;
import java.net.URI;
import java.util.Optional;

/**
 * Profile: {@link BareGetAll} on the client as the service builds it (DynamoDbClients), which is the bare handler's
 * plus a timeout per call and per attempt: the SDK then tracks each call on its timer thread.
 */
public final class ProfileGetAllClient extends BareGetAll {

    public ProfileGetAllClient() {
        super(DynamoDbClients.create(
                System.getenv().getOrDefault("AWS_REGION", "us-east-1"),
                Optional.ofNullable(System.getenv("DYNAMODB_ENDPOINT")).map(URI::create)));
    }
}
