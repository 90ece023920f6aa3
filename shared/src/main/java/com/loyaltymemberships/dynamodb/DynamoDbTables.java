package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.dynamodb.TokenItems.AccessTokenItem;
import com.loyaltymemberships.dynamodb.TokenItems.DirectoryEntry;
import com.loyaltymemberships.dynamodb.TokenItems.Revocation;
import com.loyaltymemberships.membership.Membership;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one table (single-table design, see {@link TableDefinition}) seen through each item type's schema, on one
 * Enhanced Client. No client extensions: every write states its own condition (versions are the domain's).
 */
public final class DynamoDbTables {

    final DynamoDbClient dynamoDb;
    final String tableName;
    final DynamoDbEnhancedClient enhanced;
    final DynamoDbTable<Membership> memberships;
    final DynamoDbTable<PrimaryPointer> pointers;
    final DynamoDbTable<AccessTokenItem> accessTokens;
    final DynamoDbTable<ClientToken> clientTokens;
    final DynamoDbTable<Revocation> revocations;
    final DynamoDbTable<DirectoryEntry> directory;
    final DynamoDbTable<MembershipTable.Held> heldMemberships;
    final DynamoDbTable<PrimaryPointer.Held> heldPointers;
    final DynamoDbTable<Holds.Mark> marks;
    final DynamoDbTable<IdempotencyRepository.Entry> keys;

    public DynamoDbTables(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).extensions().build();
        this.memberships = enhanced.table(tableName, MembershipTable.SCHEMA);
        this.pointers = enhanced.table(tableName, PrimaryPointer.SCHEMA);
        this.accessTokens = enhanced.table(tableName, TokenItems.ACCESS);
        this.clientTokens = enhanced.table(tableName, TokenItems.CLIENT);
        this.revocations = enhanced.table(tableName, TokenItems.REVOCATION);
        this.directory = enhanced.table(tableName, TokenItems.DIRECTORY_ENTRY);
        this.heldMemberships = enhanced.table(tableName, MembershipTable.HELD);
        this.heldPointers = enhanced.table(tableName, PrimaryPointer.HELD);
        this.marks = enhanced.table(tableName, Holds.MARK);
        this.keys = enhanced.table(tableName, IdempotencyRepository.SCHEMA);
    }

    public String tableName() {
        return tableName;
    }
}
