package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.ClientToken;
import com.loyaltymemberships.dynamodb.TokenItems.AccessTokenItem;
import com.loyaltymemberships.dynamodb.TokenItems.DirectoryEntry;
import com.loyaltymemberships.dynamodb.TokenItems.Revocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Token administration (the admin tool and the local demo tokens): create, look up, list and revoke client
 * and access tokens, stored by SHA-256 hash only. Every token also has a line in the token directory, written
 * in the same transaction, which is what listings query.
 */
public final class TokenRepository {

    public enum Kind {
        CLIENT,
        ACCESS
    }

    /** A transaction holds at most 100 actions; a revocation writes one per token. */
    private static final int REVOCATIONS_PER_TRANSACTION = 100;

    private static final Expression ABSENT = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .putExpressionName("#pk", TableDefinition.PK)
            .build();
    private static final Expression ACTIVE = Expression.builder()
            .expression("attribute_exists(#pk) AND attribute_not_exists(#revoked)")
            .putExpressionName("#pk", TableDefinition.PK)
            .putExpressionName("#revoked", TokenItems.REVOKED_UTC)
            .build();

    private final DynamoDbTables tables;
    private final DynamoDbEnhancedClient enhanced;
    private final BatchReader batchReader;

    public TokenRepository(DynamoDbTables tables) {
        this.tables = tables;
        this.enhanced = tables.enhanced;
        this.batchReader = new BatchReader(enhanced, new Fanout(1));
    }

    public record Pair(Optional<ClientToken> client, Optional<AccessToken> access) {}

    /**
     * A client token and an access token by hash, read strongly consistently. Two reads: items of both kinds in one
     * BatchGetItem come back as one table's items, which no single schema tells apart.
     */
    public Pair find(String clientHash, String accessHash) {
        return new Pair(
                batchReader.read(tables.clientTokens(), List.of(TokenItems.key(Kind.CLIENT, clientHash))).stream()
                        .findFirst(),
                batchReader.read(tables.accessTokens(), List.of(TokenItems.key(Kind.ACCESS, accessHash))).stream()
                        .findFirst()
                        .map(AccessTokenItem::token));
    }

    /** Stores a client token unless one with that hash exists; true when stored. */
    public boolean create(ClientToken token) {
        return createWith(
                Kind.CLIENT,
                token.hash(),
                t -> t.addPutItem(
                        tables.clientTokens(),
                        TransactPutItemEnhancedRequest.builder(ClientToken.class)
                                .item(token)
                                .conditionExpression(ABSENT)
                                .build()));
    }

    /** Stores an access token unless one with that hash exists; true when stored. */
    public boolean create(AccessToken token) {
        return createWith(
                Kind.ACCESS,
                token.hash(),
                t -> t.addPutItem(
                        tables.accessTokens(),
                        TransactPutItemEnhancedRequest.builder(AccessTokenItem.class)
                                .item(TokenItems.newAccessToken(token))
                                .conditionExpression(ABSENT)
                                .build()));
    }

    private boolean createWith(Kind kind, String hash, Consumer<TransactWriteItemsEnhancedRequest.Builder> put) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
        put.accept(transaction);
        transaction.addPutItem(
                tables.directory(),
                TransactPutItemEnhancedRequest.builder(DirectoryEntry.class)
                        .item(new DirectoryEntry(kind, hash))
                        .conditionExpression(ABSENT)
                        .build());
        try {
            enhanced.transactWriteItems(transaction.build());
            return true;
        } catch (TransactionCanceledException alreadyThere) {
            return false;
        }
    }

    /** Client tokens whose hash starts with {@code hashPrefix} (may be empty). */
    public List<ClientToken> clientTokens(String hashPrefix) {
        List<Key> keys = directory(Kind.CLIENT, hashPrefix);
        return keys.isEmpty() ? List.of() : batchReader.read(tables.clientTokens(), keys);
    }

    /** Access tokens whose hash starts with {@code hashPrefix} (may be empty). */
    public List<AccessToken> accessTokens(String hashPrefix) {
        List<Key> keys = directory(Kind.ACCESS, hashPrefix);
        return keys.isEmpty()
                ? List.of()
                : batchReader.read(tables.accessTokens(), keys).stream()
                        .map(AccessTokenItem::token)
                        .toList();
    }

    /**
     * Marks a token revoked from {@code now} on; false when there is no such token or it was revoked already.
     * Revoking a client token also revokes every access token of it, because requests check the access token
     * alone; should this stop halfway, revoking the client token again finishes it.
     */
    public boolean revoke(Kind kind, String hash, Instant now) {
        List<Revocation> revocations = new ArrayList<>();
        if (kind == Kind.CLIENT) {
            accessTokens("").stream()
                    .filter(t -> t.clientTokenHash().equals(hash) && t.isActive())
                    .forEach(t -> revocations.add(new Revocation(Kind.ACCESS, t.hash(), now)));
        }
        for (int from = 0; from < revocations.size(); from += REVOCATIONS_PER_TRANSACTION) {
            revokeAll(revocations.subList(from, Math.min(revocations.size(), from + REVOCATIONS_PER_TRANSACTION)));
        }
        try {
            revokeAll(List.of(new Revocation(kind, hash, now)));
            return true;
        } catch (TransactionCanceledException notActive) {
            return false;
        }
    }

    private void revokeAll(List<Revocation> revocations) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
        revocations.forEach(r -> transaction.addUpdateItem(
                tables.revocations(),
                TransactUpdateItemEnhancedRequest.builder(Revocation.class)
                        .item(r)
                        .conditionExpression(ACTIVE)
                        .build()));
        enhanced.transactWriteItems(transaction.build());
    }

    private List<Key> directory(Kind kind, String hashPrefix) {
        Key prefix = Key.builder()
                .partitionValue(TokenItems.DIRECTORY)
                .sortValue(kind.name() + "#" + hashPrefix)
                .build();
        List<Key> keys = new ArrayList<>();
        tables.directory()
                .query(r -> r.queryConditional(QueryConditional.sortBeginsWith(prefix))
                        .consistentRead(true))
                .items()
                .forEach(entry -> keys.add(TokenItems.key(entry.kind(), entry.hash())));
        return keys;
    }
}
