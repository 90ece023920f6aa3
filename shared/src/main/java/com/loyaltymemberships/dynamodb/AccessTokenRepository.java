package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.AccessTokenStore;
import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.dynamodb.TokenItems.AccessTokenItem;
import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Authentication and rate counting in one request: a conditional UpdateItem on the access token's own item that
 * checks the client token hash and that the token is not revoked, appends this request's time to the token's
 * request log and drops the oldest entry, and returns the whole item (scope and log). A failed condition writes
 * nothing, so requests that fail authentication count against no token.
 *
 * <p>This is the one place that uses the low-level client for an item write: the Enhanced Client's updates set
 * whole attributes from an item, and cannot append to a list and remove its first element in one expression.
 * The answer is still mapped by the Enhanced Client's schema.
 */
public final class AccessTokenRepository implements AccessTokenStore {

    /** Beyond the end of any log, so that SET appends (DynamoDB appends when the index is past the end). */
    private static final int APPEND_AT = 100_000;
    /** A log longer than wanted (the limit was lowered) shrinks by at most this many entries per request. */
    private static final int MAX_TRIM = 10;

    private static final int MAX_REMEMBERED_TOKENS = 10_000;
    private static final Map<String, String> NAMES = Map.of(
            "#pk",
            TableDefinition.PK,
            "#log",
            TokenItems.RATE_LOG,
            "#client",
            TokenItems.CLIENT_TOKEN_HASH,
            "#revoked",
            TokenItems.REVOKED_UTC);
    private static final String CONDITION =
            "attribute_exists(#pk) AND #client = :client AND attribute_not_exists(#revoked)";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<AccessTokenItem> accessTokens;
    /** The log length each token had at its last request here: the log keeps its length unless this instance knows better. */
    private final Map<String, Integer> logLengths = new ConcurrentHashMap<>();

    public AccessTokenRepository(DynamoDbTables tables) {
        this.dynamoDb = tables.dynamoDb;
        this.tableName = tables.tableName;
        this.accessTokens = tables.accessTokens();
    }

    @Override
    public Optional<TokenUse> use(String clientTokenHash, String accessTokenHash, Instant now, int logSize) {
        if (logSize == 0) {
            return Optional.ofNullable(accessTokens.getItem(r ->
                            r.key(TokenItems.key(Kind.ACCESS, accessTokenHash)).consistentRead(true)))
                    .filter(item -> item.token().clientTokenHash().equals(clientTokenHash)
                            && item.token().isActive())
                    .map(item -> new TokenUse(caller(item.token()), List.of()));
        }
        Map<String, AttributeValue> attributes;
        try {
            attributes = dynamoDb.updateItem(b -> b.tableName(tableName)
                            .key(TokenItems.key(Kind.ACCESS, accessTokenHash).primaryKeyMap(TokenItems.ACCESS))
                            .conditionExpression(CONDITION)
                            .updateExpression(logUpdate(accessTokenHash, logSize))
                            .expressionAttributeNames(NAMES)
                            .expressionAttributeValues(Map.of(
                                    ":client",
                                    AttributeValue.fromS(clientTokenHash),
                                    ":now",
                                    AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes();
        } catch (ConditionalCheckFailedException unknownMismatchedOrRevoked) {
            return Optional.empty();
        }
        AccessTokenItem item = TokenItems.ACCESS.mapToItem(attributes);
        remember(accessTokenHash, item.rateLog().size());
        return Optional.of(new TokenUse(caller(item.token()), item.rateLog()));
    }

    /**
     * Appends now and removes as many of the oldest entries as keeps the log at {@code logSize}: one when its
     * length is right or unknown here, none while it is too short (the limit was raised), more while too long.
     * Indexes in one update expression refer to the list as it was, so "[0]" and "[1]" are its oldest entries.
     */
    private String logUpdate(String accessTokenHash, int logSize) {
        int length = logLengths.getOrDefault(accessTokenHash, logSize);
        int remove = Math.min(MAX_TRIM, Math.max(0, length + 1 - logSize));
        StringBuilder expression = new StringBuilder("SET #log[" + APPEND_AT + "] = :now");
        for (int i = 0; i < remove; i++) {
            expression
                    .append(i == 0 ? " REMOVE " : ", ")
                    .append("#log[")
                    .append(i)
                    .append(']');
        }
        return expression.toString();
    }

    private void remember(String accessTokenHash, int length) {
        if (logLengths.size() >= MAX_REMEMBERED_TOKENS) {
            logLengths.clear();
        }
        logLengths.put(accessTokenHash, length);
    }

    private static Caller caller(AccessToken token) {
        return new Caller(token.hash(), token.chainIds(), token.portfolio());
    }
}
