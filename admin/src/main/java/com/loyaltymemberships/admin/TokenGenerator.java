package com.loyaltymemberships.admin;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New token secrets in the shape of the Mews demo tokens: 32 upper-case hex digits, {@code -}, 31 more
 * (252 random bits), e.g. {@code C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D}.
 */
public final class TokenGenerator {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String hex = HEX.formatHex(bytes);
        return hex.substring(0, 32) + "-" + hex.substring(32, 63);
    }
}
