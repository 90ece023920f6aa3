package com.loyaltymemberships.membership;
/**
 * Who created or last changed a membership. Every change made through this API is made by the
 * integration (SPEC §3 decision), so that is the only profile written today.
 */
public record Profile(String discriminator) {
    public static final Profile INTEGRATION = new Profile("Integration");
}
