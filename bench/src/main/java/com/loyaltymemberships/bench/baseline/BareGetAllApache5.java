package com.loyaltymemberships.bench.baseline;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/** {@link BareGetAll} on the Apache 5 HTTP client. */
public final class BareGetAllApache5 extends BareGetAll {

    public BareGetAllApache5() {
        super(Apache5HttpClient.create());
    }
}
