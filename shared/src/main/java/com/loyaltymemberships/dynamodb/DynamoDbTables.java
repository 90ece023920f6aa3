package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.dynamodb.TableDefinition.IndexSet;
import com.loyaltymemberships.dynamodb.TokenItems.AccessTokenItem;
import com.loyaltymemberships.dynamodb.TokenItems.DirectoryEntry;
import com.loyaltymemberships.dynamodb.TokenItems.Revocation;
import com.loyaltymemberships.membership.Membership;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one table (single-table design, see {@link TableDefinition}) seen through each item type's schema, on one
 * Enhanced Client. No client extensions: every write states its own condition (versions are the domain's).
 *
 * <p>A view is made when asked for (it is four references), so that an item schema is built, and its classes loaded,
 * the first time a function uses it: a cold getAll builds the membership and access token schemas only, not those of
 * pointers, holds, Idempotency-Keys, journals or the admin tool's token items.
 */
public final class DynamoDbTables {

    final DynamoDbClient dynamoDb;
    final String tableName;
    final DynamoDbEnhancedClient enhanced;
    /** The indexes the service reads: the KEYS_ONLY set unless a table not yet upgraded has only the legacy one. */
    final IndexSet indexes;

    /** The table with the {@link IndexSet#KEYS_ONLY} indexes. */
    public DynamoDbTables(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, IndexSet.KEYS_ONLY);
    }

    public DynamoDbTables(DynamoDbClient dynamoDb, String tableName, IndexSet indexes) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.indexes = indexes;
        this.enhanced = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamoDb)
                .extensions()
                .build();
    }

    public String tableName() {
        return tableName;
    }

    DynamoDbTable<Membership> memberships() {
        return enhanced.table(tableName, MembershipTable.SCHEMA);
    }

    /** The entries of one membership index, in the set read. */
    DynamoDbIndex<IndexEntry> entries(Index index) {
        return enhanced.table(tableName, IndexEntry.schema(index)).index(indexes.nameOf(index));
    }

    DynamoDbTable<MembershipTable.HeldMembership> heldMemberships() {
        return enhanced.table(tableName, MembershipTable.HeldMembership.SCHEMA);
    }

    DynamoDbTable<PrimaryPointer> pointers() {
        return enhanced.table(tableName, PrimaryPointer.SCHEMA);
    }

    DynamoDbTable<PrimaryPointer.HeldPointer> heldPointers() {
        return enhanced.table(tableName, PrimaryPointer.HELD);
    }

    DynamoDbTable<Holds.Mark> marks() {
        return enhanced.table(tableName, Holds.Mark.SCHEMA);
    }

    DynamoDbTable<AccessTokenItem> accessTokens() {
        return enhanced.table(tableName, TokenItems.ACCESS);
    }

    DynamoDbTable<ClientToken> clientTokens() {
        return enhanced.table(tableName, TokenItems.Managed.CLIENT);
    }

    DynamoDbTable<Revocation> revocations() {
        return enhanced.table(tableName, TokenItems.Managed.REVOCATION);
    }

    DynamoDbTable<DirectoryEntry> directory() {
        return enhanced.table(tableName, TokenItems.Managed.DIRECTORY_ENTRY);
    }

    DynamoDbTable<IdempotencyRepository.Entry> keys() {
        return enhanced.table(tableName, IdempotencyRepository.schema());
    }
}
