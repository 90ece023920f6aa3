package com.loyaltymemberships.membership;
/**
 * Another request changed what this one read before it could write (or storage asked us to slow down).
 * Nothing of this request remains written; reading again and retrying may succeed.
 */
public final class WriteConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WriteConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
