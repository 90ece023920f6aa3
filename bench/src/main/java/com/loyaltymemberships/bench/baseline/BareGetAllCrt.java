package com.loyaltymemberships.bench.baseline;

import software.amazon.awssdk.http.crt.AwsCrtHttpClient;

/** {@link BareGetAll} on the AWS CRT HTTP client. */
public final class BareGetAllCrt extends BareGetAll {

    public BareGetAllCrt() {
        super(AwsCrtHttpClient.create());
    }
}
