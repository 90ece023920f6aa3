package com.loyaltymemberships.bench.baseline;

/** {@link BareAdd} as a stream handler (see {@link BareStreamHandler}). */
public final class BareAddStream extends BareStreamHandler {

    public BareAddStream() {
        super(new BareAdd());
    }
}
