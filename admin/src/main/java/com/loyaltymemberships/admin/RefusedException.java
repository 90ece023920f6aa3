package com.loyaltymemberships.admin;
/**
 * An admin request that is well formed but cannot be done with what is stored: an unknown or revoked
 * client token, a hash prefix that matches no token or several, a token revoked already.
 */
public final class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}
