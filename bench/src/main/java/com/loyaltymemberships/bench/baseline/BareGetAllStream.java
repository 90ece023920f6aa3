package com.loyaltymemberships.bench.baseline;

/** {@link BareGetAll} as a stream handler (see {@link BareStreamHandler}). */
public final class BareGetAllStream extends BareStreamHandler {

    public BareGetAllStream() {
        super(new BareGetAll());
    }
}
