package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.RateLimit;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.devkit.ItemSize;
import com.loyaltymemberships.dynamodb.TokenItems.AccessTokenItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The access token's item stays under 1 KB, so that the UpdateItem of every request (billed by the larger of the item's
 * sizes before and after) is one write unit, whatever the rate limit: its state is one number. Sizes by DynamoDB's
 * rules ({@link ItemSize}), on the item as the service stores it, at its largest: a name of {@value #NAME_LENGTH}
 * characters, a creation time to the nanosecond, a revocation time, and the rate state of a token in use.
 */
class TokenItemSizeTest {

    static final int NAME_LENGTH = 64;
    /** The most chains a token can have and stay under 1 KB, with such a name. */
    static final int MAX_CHAINS_UNDER_1_KB = 16;

    private static long size(int chains, boolean portfolio) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < chains; i++) {
            ids.add(UUID.randomUUID());
        }
        Instant created = Instant.parse("2026-03-02T10:00:00.123456789Z");
        AccessToken token = new AccessToken(
                TokenHash.of("access " + chains),
                TokenHash.of("client"),
                ids,
                portfolio,
                "n".repeat(NAME_LENGTH),
                created,
                Optional.of(created.plusSeconds(86_400)));
        long tat = new RateLimit(200, 30).next(0, RateLimit.micros(created.plusSeconds(3_600)));
        return ItemSize.of(TokenItems.ACCESS.itemToMap(new AccessTokenItem(token, tat), true));
    }

    @Test
    void aPortfolioTokenOfFiveChainsAndASingleEnterpriseTokenAreUnder1Kb() {
        long portfolio = size(5, true);
        long single = size(1, false);
        System.out.println("access token item: " + single + " bytes with 1 chain, " + portfolio + " with 5");
        assertTrue(portfolio < 1024, portfolio + " bytes");
        assertTrue(single < 1024, single + " bytes");
    }

    @Test
    void upToSoManyChainsATokenStaysUnder1Kb() {
        int chains = 1;
        while (size(chains + 1, true) < 1024) {
            chains++;
        }
        assertEquals(MAX_CHAINS_UNDER_1_KB, chains, "each chain adds " + (size(2, true) - size(1, true)) + " bytes");
    }
}
