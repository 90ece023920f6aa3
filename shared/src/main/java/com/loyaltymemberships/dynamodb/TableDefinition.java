package com.loyaltymemberships.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * The one table, defined once: code, tests, the local server and (through a drift test) template.yaml
 * all read it from here.
 *
 * <p>Single-table design. Every item has {@code PK}/{@code SK}:
 * <pre>
 * item              PK                              SK                 notes
 * membership        MEMBERSHIP#{id}                 MEMBERSHIP         index attributes below
 * primary pointer   PRIMARY#{chainId}#{accountId}   PRIMARY            MembershipId of the account's primary
 * client token      CLIENT_TOKEN#{sha256}           TOKEN              Name, CreatedUtc, RevokedUtc
 * access token      ACCESS_TOKEN#{sha256}           TOKEN              ChainIds, Portfolio, ClientTokenHash, RateTat
 * token directory   TOKENS                          {CLIENT|ACCESS}#{sha256}   what the admin tool lists
 * </pre>
 * A membership's index partitions carry its chain and activity state ({@code {chainId}#A} or {@code #D}),
 * so each tenant's active and deleted memberships are separate key ranges, and every getAll filter is a
 * key condition. The chain listing, program and state partitions are write-sharded: a suffix {@code #1} to
 * {@code #31} from the membership's Id, none for shard 0 ({@link WriteShards}). Sort keys are the time-ordered Id (creation order) or update time + Id (update order).
 * The chain listing, programs and states are indexed in both orders; accounts, numbers and provider Ids
 * only by Id, as one value of those holds a few memberships, which a page in update order reads whole.
 * An index entry holds keys only: a write costs 1 unit in each index whose keys it sets, 2 where they move, none
 * where they stay (docs/WRITE-UNITS.md).
 */
public final class TableDefinition {

    public static final String PK = "PK";
    public static final String SK = "SK";
    /** Partition of the chain listings: {@code {chainId}#{A|D}}, and the shard ({@link WriteShards}). */
    public static final String LIST_KEY = "ListKey";
    /** The membership Id: creation order. */
    public static final String ID = "Id";
    /** {@code {updatedUtc to the ms}#{id}}: update order. */
    public static final String UPDATED_KEY = "UpdatedKey";

    public static final String ACCOUNT_KEY = "AccountKey";
    public static final String PROGRAM_KEY = "ProgramKey";
    public static final String STATE_KEY = "StateKey";
    public static final String NUMBER_KEY = "NumberKey";
    public static final String PROVIDER_KEY = "ProviderKey";
    /** TTL attribute (epoch seconds) of items that expire on their own. */
    public static final String EXPIRES_AT = "ExpiresAt";

    /**
     * The global secondary indexes. Each entry holds the table's keys and its own ({@link IndexSet#KEYS_ONLY}): an
     * entry is 1 write unit, and a write whose keys in an index do not change writes no entry there. A page reads the
     * keys, then the items (MembershipSearch).
     */
    public enum Index {
        BY_CHAIN("ByChain", LIST_KEY, ID),
        BY_CHAIN_UPDATED("ByChainUpdated", LIST_KEY, UPDATED_KEY),
        BY_ACCOUNT("ByAccount", ACCOUNT_KEY, ID),
        BY_PROGRAM("ByProgram", PROGRAM_KEY, ID),
        BY_PROGRAM_UPDATED("ByProgramUpdated", PROGRAM_KEY, UPDATED_KEY),
        BY_STATE("ByState", STATE_KEY, ID),
        BY_STATE_UPDATED("ByStateUpdated", STATE_KEY, UPDATED_KEY),
        BY_MEMBERSHIP_NUMBER("ByMembershipNumber", NUMBER_KEY, ID),
        BY_PROVIDER_MEMBERSHIP_ID("ByProviderMembershipId", PROVIDER_KEY, ID);

        private final String legacyName;
        private final String partitionKey;
        private final String sortKey;

        Index(String legacyName, String partitionKey, String sortKey) {
            this.legacyName = legacyName;
            this.partitionKey = partitionKey;
            this.sortKey = sortKey;
        }

        /** Its name in the {@link IndexSet#KEYS_ONLY} set: what the service reads and tables created by code have. */
        public String indexName() {
            return IndexSet.KEYS_ONLY.nameOf(this);
        }

        public String partitionKey() {
            return partitionKey;
        }

        public String sortKey() {
            return sortKey;
        }

        /**
         * True when one partition of the index would hold a whole chain, program or state: its partition key is split
         * into {@link WriteShards#COUNT} keys. Accounts, membership numbers and provider Ids hold a few memberships each.
         */
        public boolean sharded() {
            return partitionKey.equals(LIST_KEY) || partitionKey.equals(PROGRAM_KEY) || partitionKey.equals(STATE_KEY);
        }

        /** True when the index sorts by Id, i.e. in creation order. */
        public boolean sortsById() {
            return sortKey.equals(ID);
        }
    }

    /**
     * The two sets of the same nine indexes (same keys, other names, other projections). A projection cannot change in
     * place: a table deployed before KEYS_ONLY has the {@link #LEGACY} set, and gets the other one index by index
     * (README, "Upgrading to KEYS_ONLY indexes"); which set the service reads is a setting ({@code READ_INDEXES}). The
     * read is the same on both (keys, then items): an ALL entry holds more than the read uses.
     */
    public enum IndexSet {
        /** Keys only: what every table gets now. */
        KEYS_ONLY("keys-only", "Keys", ProjectionType.KEYS_ONLY),
        /** Every attribute: the set of tables created before KEYS_ONLY, under the names they had. */
        LEGACY("legacy", "", ProjectionType.ALL);

        private final String setting;
        private final String suffix;
        private final ProjectionType projection;

        IndexSet(String setting, String suffix, ProjectionType projection) {
            this.setting = setting;
            this.suffix = suffix;
            this.projection = projection;
        }

        /** The value of {@code READ_INDEXES} that names this set. */
        public String setting() {
            return setting;
        }

        public static IndexSet ofSetting(String setting) {
            for (IndexSet set : values()) {
                if (set.setting.equals(setting)) {
                    return set;
                }
            }
            throw new IllegalArgumentException("READ_INDEXES must be keys-only or legacy, not " + setting);
        }

        public String nameOf(Index index) {
            return index.legacyName + suffix;
        }

        public ProjectionType projection() {
            return projection;
        }
    }

    private TableDefinition() {}

    /** Every attribute that is a key of the table or of an index; all are strings. */
    public static Set<String> keyAttributes() {
        Set<String> names = new LinkedHashSet<>(List.of(PK, SK));
        for (Index index : Index.values()) {
            names.add(index.partitionKey());
            names.add(index.sortKey());
        }
        return names;
    }

    /** The table as code creates it: with the {@link IndexSet#KEYS_ONLY} indexes. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return createTableRequest(tableName, IndexSet.KEYS_ONLY);
    }

    /** The table with one set of indexes: the legacy one for tests of a table deployed before KEYS_ONLY. */
    public static CreateTableRequest createTableRequest(String tableName, IndexSet set) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (String name : keyAttributes()) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(name)
                    .attributeType(ScalarAttributeType.S)
                    .build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Index index : Index.values()) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(set.nameOf(index))
                    .keySchema(hash(index.partitionKey()), range(index.sortKey()))
                    .projection(Projection.builder()
                            .projectionType(set.projection())
                            .build())
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(hash(PK), range(SK))
                .globalSecondaryIndexes(indexes)
                // Membership change events are read from it (docs/EVENTS.md): an update's event names what changed.
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();
    }

    /** Creates the table with its TTL unless it exists; for the local server, tests and the admin tool. */
    public static void createIfMissing(DynamoDbClient dynamoDb, String tableName) {
        createIfMissing(dynamoDb, tableName, IndexSet.KEYS_ONLY);
    }

    /** {@link #createIfMissing} with one set of indexes. */
    public static void createIfMissing(DynamoDbClient dynamoDb, String tableName, IndexSet set) {
        try {
            dynamoDb.createTable(createTableRequest(tableName, set));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        dynamoDb.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(EXPIRES_AT)
                        .enabled(true)
                        .build()));
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder()
                .attributeName(name)
                .keyType(KeyType.HASH)
                .build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder()
                .attributeName(name)
                .keyType(KeyType.RANGE)
                .build();
    }
}
