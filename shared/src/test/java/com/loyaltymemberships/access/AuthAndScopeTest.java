package com.loyaltymemberships.access;

import static com.loyaltymemberships.testing.Rules.CHAIN;
import static com.loyaltymemberships.testing.Rules.OTHER_CHAIN;
import static com.loyaltymemberships.testing.Rules.THIRD_CHAIN;
import static com.loyaltymemberships.testing.Rules.badRequest;
import static com.loyaltymemberships.testing.Rules.ids;
import static com.loyaltymemberships.testing.Rules.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.testing.InMemoryAccessTokenStore;
import com.loyaltymemberships.testing.Rules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2 authentication and scope, through {@link AccessGate} (as the pipeline admits every request) and the
 * membership service: the same 401 for any token problem; ChainIds and ChainId against portfolio and single-enterprise
 * tokens; a membership of another chain behaves exactly like one that does not exist.
 */
class AuthAndScopeTest {

    private static final UUID ACCOUNT = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");

    private final Rules rules = new Rules();
    private final InMemoryAccessTokenStore tokens = new InMemoryAccessTokenStore();
    private final AccessGate gate = new AccessGate(tokens, Optional.empty(), rules.clock);

    private Caller token(String client, String access, boolean portfolio, UUID... chains) {
        tokens.add(new AccessToken(
                TokenHash.of(access),
                TokenHash.of(client),
                List.of(chains),
                portfolio,
                access,
                Instant.EPOCH,
                Optional.empty()));
        return gate.admit(Optional.of(client), Optional.of(access));
    }

    private static void unauthorized(Runnable admit) {
        ApiException e = assertThrows(ApiException.class, admit::run);
        assertEquals(401, e.status());
        assertEquals("Invalid or missing ClientToken or AccessToken.", e.getMessage());
    }

    @Test
    void section2_missingUnknownMismatchedOrRevokedTokensAreTheSame401() {
        Caller caller = token("client-1", "access-1", false, CHAIN);
        assertEquals(new Caller(TokenHash.of("access-1"), List.of(CHAIN), false), caller);
        token("client-2", "access-2", false, CHAIN);

        unauthorized(() -> gate.admit(Optional.empty(), Optional.of("access-1")));
        unauthorized(() -> gate.admit(Optional.of("client-1"), Optional.empty()));
        unauthorized(() -> gate.admit(Optional.of(" "), Optional.of("access-1")));
        unauthorized(() -> gate.admit(Optional.of("client-1"), Optional.of("no-such-token")));
        unauthorized(() -> gate.admit(Optional.of("client-2"), Optional.of("access-1")));
        tokens.revoke(TokenHash.of("access-1"), Instant.EPOCH);
        unauthorized(() -> gate.admit(Optional.of("client-1"), Optional.of("access-1")));
    }

    @Test
    void section2_readsCoverEveryChainOfTheTokenUnlessChainIdsNarrowIt_aChainOutsideIs400() {
        Caller portfolio = token("client", "portfolio", true, CHAIN, OTHER_CHAIN);
        Caller single = token("client", "single", false, CHAIN);
        Caller third = token("client", "third", false, THIRD_CHAIN);
        String inChain = rules.addOne(single, ACCOUNT, "").id();
        String inOther = rules.add(
                        portfolio,
                        "{\"ChainId\": \"" + OTHER_CHAIN + "\", \"LoyaltyMemberships\": [" + item(ACCOUNT, "") + "]}")
                .loyaltyMemberships()
                .get(0)
                .id();
        rules.addOne(third, ACCOUNT, "");

        assertEquals(
                Set.of(inChain, inOther),
                Set.copyOf(ids(rules.getAll(portfolio, "{\"Limitation\": {\"Count\": 10}}"))));
        assertEquals(
                List.of(inOther),
                ids(rules.getAll(
                        portfolio, "{\"ChainIds\": [\"" + OTHER_CHAIN + "\"], \"Limitation\": {\"Count\": 10}}")));
        assertEquals(List.of(inChain), ids(rules.getAll(single, "{\"Limitation\": {\"Count\": 10}}")));
        String message = badRequest(
                "Invalid ChainIds",
                () -> rules.getAll(
                        portfolio,
                        "{\"ChainIds\": [\"" + CHAIN + "\", \"" + THIRD_CHAIN
                                + "\"], \"Limitation\": {\"Count\": 10}}"));
        assertEquals(true, message.contains("ChainIds[1]"), message);
        badRequest(
                "Invalid ChainIds",
                () -> rules.getAll(
                        single, "{\"ChainIds\": [\"" + OTHER_CHAIN + "\"], \"Limitation\": {\"Count\": 10}}"));
    }

    @Test
    void section2_aPortfolioWriteNeedsAChainIdInScope() {
        Caller portfolio = token("client", "portfolio", true, CHAIN, OTHER_CHAIN);
        String items = "\"LoyaltyMemberships\": [" + item(ACCOUNT, "") + "]";
        badRequest("Invalid ChainId", () -> rules.add(portfolio, "{" + items + "}"));
        badRequest(
                "Invalid ChainId", () -> rules.add(portfolio, "{\"ChainId\": \"" + THIRD_CHAIN + "\", " + items + "}"));
        badRequest("Invalid ChainId", () -> rules.add(portfolio, "{\"ChainId\": \"not-a-guid\", " + items + "}"));
        badRequest(
                "Invalid ChainId",
                () -> rules.delete(portfolio, "{\"LoyaltyMembershipIds\": [\"" + UUID.randomUUID() + "\"]}"));
        assertEquals(
                List.of(),
                rules.getAll(portfolio, "{\"Limitation\": {\"Count\": 10}}").loyaltyMemberships());

        MembershipView added = rules.add(
                        portfolio, "{\"ChainId\": \"" + OTHER_CHAIN.toString().toUpperCase() + "\", " + items + "}")
                .loyaltyMemberships()
                .get(0);
        assertEquals(OTHER_CHAIN.toString(), added.chainId());
    }

    @Test
    void section2_aSingleEnterpriseTokenIgnoresChainIdAndWritesItsOwnChain() {
        Caller single = token("client", "single", false, CHAIN);
        for (String chainId : List.of(OTHER_CHAIN.toString(), "not-a-guid")) {
            MembershipView added = rules.add(
                            single,
                            "{\"ChainId\": \"" + chainId + "\", \"LoyaltyMemberships\": [" + item(ACCOUNT, "") + "]}")
                    .loyaltyMemberships()
                    .get(0);
            assertEquals(CHAIN.toString(), added.chainId());
        }
    }

    @Test
    void section2_aMembershipOfAnotherChainBehavesExactlyLikeOneThatDoesNotExist() {
        Caller single = token("client", "single", false, CHAIN);
        Caller other = token("client", "other", false, OTHER_CHAIN);
        Caller portfolioWithoutIt = token("client", "portfolio", true, CHAIN, THIRD_CHAIN);
        String foreign = rules.addOne(other, ACCOUNT, "\"IsPrimary\": true").id();
        String unknown = UUID.randomUUID().toString();

        for (Caller caller : List.of(single, portfolioWithoutIt)) {
            String chainId = "\"ChainId\": \"" + CHAIN + "\", ";
            assertEquals(
                    List.of(),
                    ids(rules.getAll(
                            caller,
                            "{\"LoyaltyMembershipIds\": [\"" + foreign + "\"], \"Limitation\": {\"Count\": 10}}")));
            assertEquals(
                    List.of(),
                    ids(rules.getAll(
                            caller, "{\"AccountIds\": [\"" + ACCOUNT + "\"], \"Limitation\": {\"Count\": 10}}")));
            List<String> messages = List.of(foreign, unknown).stream()
                    .map(id -> badRequest(
                            "Invalid LoyaltyMembershipId",
                            () -> rules.update(
                                    caller,
                                    "{" + chainId + "\"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"" + id
                                            + "\"}]}")))
                    .collect(Collectors.toList());
            assertEquals(messages.get(0), messages.get(1));
            messages = List.of(foreign, unknown).stream()
                    .map(id -> badRequest(
                            "Invalid LoyaltyMembershipIds",
                            () -> rules.delete(caller, "{" + chainId + "\"LoyaltyMembershipIds\": [\"" + id + "\"]}")))
                    .collect(Collectors.toList());
            assertEquals(messages.get(0), messages.get(1));
        }
        // Nor does its primary stand in the way of, or get demoted by, a primary of the same account in this chain.
        rules.addOne(single, ACCOUNT, "\"IsPrimary\": true");
        assertEquals(true, rules.stored(foreign).primary());
        assertEquals(1, rules.stored(foreign).version());
    }
}
