package com.loyaltymemberships.local.invoke;
/** The invocation cannot start: bad arguments, or something to build first; the message says which. */
final class CannotInvokeException extends Exception {
    private static final long serialVersionUID = 1L;

    CannotInvokeException(String message) {
        super(message);
    }
}
