package com.loyaltymemberships.admin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * New token secrets in the shape of the Mews demo tokens: 32 upper-case hex digits, {@code -}, 31 more
 * (252 random bits), e.g. {@code C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D}.
 */
public final class TokenGenerator {

    /**
     * The shape of the tokens made, in either case: how the command line recognizes a token pasted among
     * its arguments. Hashes (64 hex digits) and GUIDs have other shapes.
     */
    static final Pattern SHAPE = Pattern.compile("[0-9A-F]{32}-[0-9A-F]{31}", Pattern.CASE_INSENSITIVE);

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String hex = HEX.formatHex(bytes);
        return hex.substring(0, 32) + "-" + hex.substring(32, 63);
    }
}
