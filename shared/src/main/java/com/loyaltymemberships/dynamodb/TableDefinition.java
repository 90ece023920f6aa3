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
 * Every index is a write unit (two when its key moves) on every membership write: see README's cost notes.
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

    /** The global secondary indexes, all projecting every attribute so a page is one Query. */
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

        private final String indexName;
        private final String partitionKey;
        private final String sortKey;

        Index(String indexName, String partitionKey, String sortKey) {
            this.indexName = indexName;
            this.partitionKey = partitionKey;
            this.sortKey = sortKey;
        }

        public String indexName() {
            return indexName;
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

    public static CreateTableRequest createTableRequest(String tableName) {
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
                    .indexName(index.indexName())
                    .keySchema(hash(index.partitionKey()), range(index.sortKey()))
                    .projection(Projection.builder()
                            .projectionType(ProjectionType.ALL)
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
        try {
            dynamoDb.createTable(createTableRequest(tableName));
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
