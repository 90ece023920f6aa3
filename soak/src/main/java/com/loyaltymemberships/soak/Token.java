package com.loyaltymemberships.soak;

import com.loyaltymemberships.local.DemoTokens;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The demo access tokens the load run speaks with (all of the demo client): a portfolio and two single-chain ones. */
enum Token {
    PORTFOLIO(DemoTokens.PORTFOLIO_ACCESS_TOKEN, List.of(DemoTokens.CHAIN_A, DemoTokens.CHAIN_B)),
    CHAIN_A(DemoTokens.CHAIN_A_ACCESS_TOKEN, List.of(DemoTokens.CHAIN_A)),
    CHAIN_C(DemoTokens.CHAIN_C_ACCESS_TOKEN, List.of(DemoTokens.CHAIN_C));

    private final String accessToken;
    private final List<UUID> chains;

    Token(String accessToken, List<UUID> chains) {
        this.accessToken = accessToken;
        this.chains = chains;
    }

    String accessToken() {
        return accessToken;
    }

    List<UUID> chains() {
        return chains;
    }

    /** A portfolio token must name the chain it writes to; a single-enterprise token always writes its own (SPEC §2). */
    boolean portfolio() {
        return chains.size() > 1;
    }

    /** The tokens whose scope holds {@code chain}: chain A has two, so its data is written through both. */
    static List<Token> of(UUID chain) {
        return Arrays.stream(values())
                .filter(token -> token.chains.contains(chain))
                .toList();
    }
}
