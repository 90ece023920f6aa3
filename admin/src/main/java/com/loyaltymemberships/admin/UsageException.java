package com.loyaltymemberships.admin;

/**
 * Arguments that do not make a valid command: reported as {@code Error: message}, then the usage text, with
 * exit status 2. The message never holds a secret given: see {@link AdminCli}.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
