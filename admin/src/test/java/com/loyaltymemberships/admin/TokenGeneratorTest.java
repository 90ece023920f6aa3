package com.loyaltymemberships.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenGeneratorTest {

    private final TokenGenerator generator = new TokenGenerator();

    @Test
    void tokensHaveTheShapeOfTheMewsDemoTokens() {
        Pattern shape = Pattern.compile("[0-9A-F]{32}-[0-9A-F]{31}");
        for (int i = 0; i < 1000; i++) {
            String token = generator.next();
            assertTrue(shape.matcher(token).matches(), token);
            assertTrue(
                    TokenGenerator.SHAPE.matcher(token).matches(),
                    "the command line would not know it for a token: " + token);
        }
        assertTrue(
                shape.matcher("C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D")
                        .matches(),
                "the demo token's shape");
    }

    @Test
    void tokensDoNotRepeatAndUseEveryHexDigit() {
        Set<String> tokens = new HashSet<>();
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = generator.next();
            tokens.add(token);
            firstDigits.add(token.charAt(0));
        }
        assertEquals(10_000, tokens.size());
        assertEquals(16, firstDigits.size(), "the first digit takes every value over 10,000 tokens");
    }
}
