package com.loyaltymemberships.time;

/**
 * The request could not finish before its {@link Deadline}, or its storage failed past the point where a
 * multi-transaction write can still give up. Either nothing was written, or ({@link #finishing()}) the write is
 * certain to be finished by recovery (see RELIABILITY.md). Either way the client may retry.
 */
public final class OutOfTimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean finishing;

    public OutOfTimeException(String message, Throwable cause, boolean finishing) {
        super(message, cause);
        this.finishing = finishing;
    }

    /** True when the write will still be finished (by recovery): what a retry finds is its answer, not a fresh run. */
    public boolean finishing() {
        return finishing;
    }
}
