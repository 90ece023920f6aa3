package com.loyaltymemberships.admin;
/** A token just created: its secret, shown to the operator once, and what was stored (its hash). */
public record Issued(String secret, TokenInfo stored) {

    /** Keeps the secret out of anything that logs or prints the record by accident. */
    @Override
    public String toString() {
        return "Issued[secret=(hidden), stored=" + stored + "]";
    }
}
