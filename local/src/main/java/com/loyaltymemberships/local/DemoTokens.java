package com.loyaltymemberships.local;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.dynamodb.TokenRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tokens of the public Mews examples, seeded in local mode so that those examples run verbatim. */
public final class DemoTokens {

    public static final String CLIENT_TOKEN = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";

    public static final UUID CHAIN_A = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    public static final UUID CHAIN_B = UUID.fromString("5fcd1933-22f2-40b9-84da-7db04cbecec2");
    public static final UUID CHAIN_C = UUID.fromString("8a2b4f10-6c1d-4e53-9d3e-2f0a7b6c5d41");

    /** Portfolio token over chains A and B. */
    public static final String PORTFOLIO_ACCESS_TOKEN =
            "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";
    /** Single-enterprise token of chain A. */
    public static final String CHAIN_A_ACCESS_TOKEN =
            "4D6C7ABE0E6A4681B0AFB16900AE5D86-DF50CBC89E1D4FF5859DDF021649ED5";
    /** Single-enterprise token of chain C. */
    public static final String CHAIN_C_ACCESS_TOKEN =
            "7F1B2C3D4E5F40718293A4B5C6D7E8F9-0A1B2C3D4E5F40718293A4B5C6D7E8F";

    private DemoTokens() {}

    /** Stores the demo tokens unless they are there already. */
    public static void seed(TokenRepository tokens, Instant now) {
        String client = TokenHash.of(CLIENT_TOKEN);
        tokens.create(new ClientToken(client, "Demo client", now, Optional.empty()));
        tokens.create(new AccessToken(
                TokenHash.of(PORTFOLIO_ACCESS_TOKEN),
                client,
                List.of(CHAIN_A, CHAIN_B),
                true,
                "Demo portfolio (chains A and B)",
                now,
                Optional.empty()));
        tokens.create(new AccessToken(
                TokenHash.of(CHAIN_A_ACCESS_TOKEN),
                client,
                List.of(CHAIN_A),
                false,
                "Demo enterprise (chain A)",
                now,
                Optional.empty()));
        tokens.create(new AccessToken(
                TokenHash.of(CHAIN_C_ACCESS_TOKEN),
                client,
                List.of(CHAIN_C),
                false,
                "Demo enterprise (chain C)",
                now,
                Optional.empty()));
    }
}
