package com.loyaltymemberships.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 13, item 1: the scale model says one chain takes 10,000 writes a second, and would not without sharding. */
class ScaleModelTest {

    private static ScaleModel.Chain chain;

    @BeforeAll
    static void model() {
        chain = ScaleModel.chain("small", Optional.empty());
    }

    @Test
    void withWriteShardingOneChainSustainsTenThousandMembershipWritesPerSecond() {
        assertTrue(chain.rate(true) >= 10_000, "sharded: " + chain.rate(true) + " writes per second");
    }

    @Test
    void withoutItOneChainTakesFiveHundredToAThousand() {
        // Without sharding an update moves its update-ordered entries within one key (2 units): 500/s; an add 1,000/s.
        double rate = chain.rate(false);
        assertTrue(rate >= 500 && rate <= 1_000, "unsharded: " + rate + " writes per second");
        assertEquals(1_000, chain.rate(ScaleModel.Workload.ADD, false), 1);
    }

    @Test
    void shardedListingPagesCostTheBusiestKeyLessThanOneQueryOfTheWholePage() {
        // Keys only: an unsharded page's 101 entries are ~15 KB, 2 units on one key; sharded, ~0.9 on the busiest.
        assertTrue(
                chain.reads().sharded().pagesPerSecond()
                        > 1.5 * chain.reads().unsharded().pagesPerSecond(),
                chain.reads().toString());
    }

    @Test
    void aPageFetchesTheItemsItAnswersAndReadsAboutOneEntryMorePerPartition() {
        ScaleModel.PageRead page = chain.reads().sharded();
        // 100 answered and, from the second page on, the cursor's own: 101 on average over 30 pages.
        assertEquals(100 + 29 / 30.0, page.items(), 0.01, page.toString());
        assertTrue(page.entries() <= page.items() + 2 * 32, page.toString());
        // The items are read too: at least 0.5 unit each (eventually consistent, up to 4 KB).
        assertTrue(page.units() >= 0.5 * page.items(), page.toString());
    }

    @Test
    void theImportReadsItsBoundsFromTemplateYaml() {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        assertEquals(200, ScaleModel.templateDefault(root, "RateLimitRequests"));
        assertTrue(ScaleModel.templateDefault(root, "TableMaxWriteRequestUnits") > 0);
        new ScaleModel(root).importBounds(chain).forEach(b -> assertTrue(b.perSecond() > 0, b.toString()));
    }
}
