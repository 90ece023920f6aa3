package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.dynamodb.WriteShards;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;

/**
 * getAll reads either set of indexes (README, "Upgrading to KEYS_ONLY indexes"): a table deployed before KEYS_ONLY
 * (its ALL indexes under the old names) read with {@code READ_INDEXES=legacy}, and a table with the KEYS_ONLY set
 * read with the default, answer the same pages, through every read shape: the merge in both orders, a filter, the
 * cursor, the unsorted read of an account in update order, and a page that a filter checked on the items leaves short.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class IndexSetsTest {

    private static final UUID X = UUID.randomUUID();
    private static final UUID Y = UUID.randomUUID();
    private static final UUID P = UUID.randomUUID();
    private static final UUID Q = UUID.randomUUID();

    @ParameterizedTest
    @EnumSource(IndexSet.class)
    void getAllAnswersTheSamePagesOnEitherSet(IndexSet set, DynamoDbClient dynamoDb) {
        TestApi api = TestApi.create(dynamoDb, set);
        assertEquals(projections(set), projectionsOf(dynamoDb, api.tableName), "the table has this set alone");

        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        List<String> m = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            m.add(api.add(
                            PORTFOLIO_ACCESS_TOKEN,
                            CHAIN_A,
                            item(i < 3 ? X : Y, i % 2 == 0 ? P : Q, false)
                                    .put("State", i == 0 ? "Pending" : "Enrolled"))
                    .get(0)
                    .get("Id")
                    .asText());
        }
        api.setProviderId(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, m.get(1), "PRV-1");
        api.delete(PORTFOLIO_ACCESS_TOKEN, CHAIN_A, m.get(2));

        ObjectNode updated = TestApi.JSON
                .createObjectNode()
                .put("StartUtc", start.toString())
                .put("EndUtc", Instant.now().plus(1, ChronoUnit.MINUTES).toString());
        ObjectNode inUpdateOrder = props().set("UpdatedUtc", updated);
        ObjectNode accountX = props().set("AccountIds", array(X));
        accountX.set("UpdatedUtc", updated);
        ObjectNode programP = props().set("LoyaltyProgramIds", array(P));

        assertEquals(List.of(m.get(4), m.get(3), m.get(1), m.get(0)), get(api, props()), "the chain, newest first");
        assertEquals(List.of(m.get(1), m.get(4), m.get(3), m.get(0)), get(api, inUpdateOrder), "last updated first");
        assertEquals(List.of(m.get(4), m.get(0)), get(api, programP), "a program, without the deleted one");
        assertEquals(List.of(m.get(1), m.get(0)), get(api, accountX), "an account in update order");
        assertEquals(List.of(m.get(4), m.get(3), m.get(1), m.get(0)), walk(api), "pages of 2 with the Cursor");
        ObjectNode pendingOfP = props().set("LoyaltyProgramIds", array(P));
        pendingOfP.set("MembershipStates", array("Pending"));
        pendingOfP.set("Limitation", limitation(1));
        assertEquals(
                List.of(m.get(0)),
                get(api, pendingOfP),
                "a state checked on the items: the newest of P is not Pending, so the page reads on");

        IndexSet other = set == IndexSet.KEYS_ONLY ? IndexSet.LEGACY : IndexSet.KEYS_ONLY;
        assertNotEquals(
                200,
                api.readingIndexes(other)
                        .getAll(PORTFOLIO_ACCESS_TOKEN, props())
                        .status(),
                "the pages above read the indexes of " + set + ", which the table alone has");
        if (set == IndexSet.KEYS_ONLY) {
            assertEquals(
                    Set.of(TableDefinition.PK, TableDefinition.SK, TableDefinition.LIST_KEY, TableDefinition.ID),
                    dynamoDb.query(q -> q.tableName(api.tableName)
                                    .indexName(Index.BY_CHAIN.indexName())
                                    .keyConditionExpression("ListKey = :p")
                                    .expressionAttributeValues(
                                            Map.of(":p", AttributeValue.fromS(CHAIN_A + "#A" + shardSuffix(m.get(0))))))
                            .items()
                            .get(0)
                            .keySet(),
                    "an entry holds the keys alone, so the page read the items");
        }
    }

    private static String shardSuffix(String id) {
        int shard = WriteShards.of(UUID.fromString(id));
        return shard == 0 ? "" : "#" + shard;
    }

    private static List<String> get(TestApi api, ObjectNode properties) {
        return ids(api.getAll(PORTFOLIO_ACCESS_TOKEN, properties).memberships());
    }

    private static List<String> walk(TestApi api) {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        while (true) {
            ObjectNode properties = props();
            properties.set(
                    "Limitation", cursor == null ? limitation(2) : limitation(2).put("Cursor", cursor));
            List<String> ids = get(api, properties);
            walked.addAll(ids);
            if (ids.size() < 2) {
                return walked;
            }
            cursor = ids.get(ids.size() - 1);
        }
    }

    private static Map<String, String> projections(IndexSet set) {
        Map<String, String> expected = new TreeMap<>();
        for (Index index : Index.values()) {
            expected.put(set.nameOf(index), set.projection().toString());
        }
        return expected;
    }

    private static Map<String, String> projectionsOf(DynamoDbClient dynamoDb, String table) {
        Map<String, String> found = new TreeMap<>();
        for (GlobalSecondaryIndexDescription index :
                dynamoDb.describeTable(d -> d.tableName(table)).table().globalSecondaryIndexes()) {
            found.put(index.indexName(), index.projection().projectionTypeAsString());
        }
        return found;
    }
}
