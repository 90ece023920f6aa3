package com.loyaltymemberships.dynamodb;

import static com.loyaltymemberships.dynamodb.MembershipItems.s;

import com.loyaltymemberships.auth.AccessToken;
import com.loyaltymemberships.auth.ClientToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Client and access tokens, stored by SHA-256 hash only. They also sit in the ByChain index under
 * the partition {@code TOKEN}, so the admin tool lists them with a Query, never a Scan.
 */
public final class TokenRepository {

    public enum Kind { CLIENT, ACCESS }

    private static final String SORT = "TOKEN";
    private static final String LISTING = "TOKEN";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final BatchReader batchReader;

    public TokenRepository(DynamoDbClient dynamoDb, String tableName, Fanout fanout) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.batchReader = new BatchReader(dynamoDb, tableName, fanout);
    }

    public record Pair(Optional<ClientToken> client, Optional<AccessToken> access) {}

    /** Both tokens of a request in one strongly consistent BatchGetItem. */
    public Pair find(String clientHash, String accessHash) {
        Optional<ClientToken> client = Optional.empty();
        Optional<AccessToken> access = Optional.empty();
        for (Map<String, AttributeValue> item : batchReader.read(List.of(key(Kind.CLIENT, clientHash), key(Kind.ACCESS, accessHash)))) {
            if (item.get(TableDefinition.PK).s().startsWith(Kind.CLIENT.name())) {
                client = Optional.of(client(item));
            } else {
                access = Optional.of(access(item));
            }
        }
        return new Pair(client, access);
    }

    /** Stores a client token unless one with that hash exists; true when stored. */
    public boolean create(ClientToken token) {
        Map<String, AttributeValue> item = base(Kind.CLIENT, token.hash(), token.name(), token.createdUtc(), token.revokedUtc());
        return putIfAbsent(item);
    }

    /** Stores an access token unless one with that hash exists; true when stored. */
    public boolean create(AccessToken token) {
        Map<String, AttributeValue> item = base(Kind.ACCESS, token.hash(), token.name(), token.createdUtc(), token.revokedUtc());
        item.put("ClientTokenHash", s(token.clientTokenHash()));
        item.put("ChainIds", AttributeValue.fromL(token.chainIds().stream().map(c -> s(c.toString())).toList()));
        item.put("Portfolio", AttributeValue.fromBool(token.portfolio()));
        return putIfAbsent(item);
    }

    /** Client tokens whose hash starts with {@code hashPrefix} (may be empty). */
    public List<ClientToken> clientTokens(String hashPrefix) {
        return list(Kind.CLIENT, hashPrefix).stream().map(TokenRepository::client).toList();
    }

    /** Access tokens whose hash starts with {@code hashPrefix} (may be empty). */
    public List<AccessToken> accessTokens(String hashPrefix) {
        return list(Kind.ACCESS, hashPrefix).stream().map(TokenRepository::access).toList();
    }

    /** Marks a token revoked from {@code now} on; false when there is no such token or it was revoked already. */
    public boolean revoke(Kind kind, String hash, Instant now) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(kind, hash))
                    .updateExpression("SET RevokedUtc = :now")
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(RevokedUtc)")
                    .expressionAttributeNames(Map.of("#pk", TableDefinition.PK))
                    .expressionAttributeValues(Map.of(":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private List<Map<String, AttributeValue>> list(Kind kind, String hashPrefix) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(TableDefinition.Index.BY_CHAIN.indexName())
                .keyConditionExpression("#list = :list AND begins_with(#id, :prefix)")
                .expressionAttributeNames(Map.of("#list", TableDefinition.LIST_KEY, "#id", TableDefinition.ID))
                .expressionAttributeValues(Map.of(":list", s(LISTING), ":prefix", s(kind.name() + "#" + hashPrefix)))
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (QueryResponse page : dynamoDb.queryPaginator(request)) {
            items.addAll(page.items());
        }
        return items;
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableDefinition.PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(Kind kind, String hash) {
        return Map.of(TableDefinition.PK, s(kind.name() + "_TOKEN#" + hash), TableDefinition.SK, s(SORT));
    }

    private static Map<String, AttributeValue> base(Kind kind, String hash, String name, Instant created, Optional<Instant> revoked) {
        Map<String, AttributeValue> item = new HashMap<>(key(kind, hash));
        item.put(TableDefinition.LIST_KEY, s(LISTING));
        item.put(TableDefinition.ID, s(kind.name() + "#" + hash));
        item.put("Hash", s(hash));
        item.put("Name", s(name));
        item.put("CreatedUtc", s(created.toString()));
        revoked.ifPresent(r -> item.put("RevokedUtc", s(r.toString())));
        return item;
    }

    private static ClientToken client(Map<String, AttributeValue> item) {
        return new ClientToken(item.get("Hash").s(), item.get("Name").s(), Instant.parse(item.get("CreatedUtc").s()), revoked(item));
    }

    private static AccessToken access(Map<String, AttributeValue> item) {
        return new AccessToken(item.get("Hash").s(), item.get("ClientTokenHash").s(),
                item.get("ChainIds").l().stream().map(v -> UUID.fromString(v.s())).toList(),
                item.get("Portfolio").bool(), item.get("Name").s(), Instant.parse(item.get("CreatedUtc").s()), revoked(item));
    }

    private static Optional<Instant> revoked(Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get("RevokedUtc")).map(v -> Instant.parse(v.s()));
    }
}
