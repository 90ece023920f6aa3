package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.access.AccessToken;
import com.loyaltymemberships.access.AccessTokenStore;
import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.access.RateLimit;
import com.loyaltymemberships.dynamodb.TokenItems.AccessTokenItem;
import com.loyaltymemberships.dynamodb.TokenRepository.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Authentication and rate counting in one request: a conditional UpdateItem on the access token's own item that
 * checks the client token hash and that the token is not revoked, moves the token's theoretical arrival time (TAT,
 * {@link RateLimit}) and returns the item as it was (scope and TAT before). A failed authentication writes nothing, so
 * requests that fail it count against no token.
 *
 * <p>An update expression has no {@code max}, and GCRA's {@code max(TAT, now) + T} needs one. So the update is one of
 * two, each conditioned on the TAT being where it applies, so that DynamoDB decides atomically on the item as it is:
 * <ul>
 *   <li>idle (TAT absent or before now, or further ahead than any request up to now can have moved it: written by a
 *       clock ahead of ours, {@link RateLimit#unreachable}): {@code SET TAT = now + T};
 *   <li>busy (now ≤ TAT ≤ now + {@link RateLimit#backlogMicros}): {@code SET TAT = TAT + T}.
 * </ul>
 * Beyond the backlog a refused request leaves TAT alone: nothing to write. This instance picks the update from the TAT
 * it last saw for the token ({@link #lastSeen}): TAT never decreases, so if that is at or after now the token is busy,
 * and otherwise it is idle unless another instance has moved it since. When the condition fails, the answer carries
 * the item as it was (ALL_OLD), which tells the token's TAT (or that it does not authenticate), and the right update
 * follows. TAT only moves forward, so that is at most three requests (busy guessed, idle found, then busy after all),
 * and one whenever a single instance serves the token or the token is not used faster than its limit.
 *
 * <p>Both updates also REMOVE the request log of items written before ({@value TokenItems#RATE_LOG}): a no-op on
 * the others.
 *
 * <p>This is the one place that uses the low-level client for an item write: the Enhanced Client's updates set whole
 * attributes from an item, and cannot add to a number under a condition on it and return the old item on a failed
 * condition. The answer is still mapped by the Enhanced Client's schema.
 */
public final class AccessTokenRepository implements AccessTokenStore {

    private static final int MAX_REMEMBERED_TOKENS = 10_000;
    private static final Map<String, String> NAMES = Map.of(
            "#pk",
            TableDefinition.PK,
            "#tat",
            TokenItems.RATE_TAT,
            "#log",
            TokenItems.RATE_LOG,
            "#client",
            TokenItems.CLIENT_TOKEN_HASH,
            "#revoked",
            TokenItems.REVOKED_UTC);
    private static final String AUTHENTIC =
            "attribute_exists(#pk) AND #client = :client AND attribute_not_exists(#revoked)";
    private static final String IDLE =
            AUTHENTIC + " AND (attribute_not_exists(#tat) OR #tat < :now OR #tat > :unreachable)";
    private static final String SET_IDLE = "SET #tat = :next REMOVE #log";
    private static final String BUSY = AUTHENTIC + " AND #tat BETWEEN :now AND :full";
    private static final String ADD_BUSY = "SET #tat = #tat + :interval REMOVE #log";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<AccessTokenItem> accessTokens;
    /** The TAT each token had after its last request here, by token hash: which update to try first. */
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    public AccessTokenRepository(DynamoDbTables tables) {
        this.dynamoDb = tables.dynamoDb;
        this.tableName = tables.tableName;
        this.accessTokens = tables.accessTokens();
    }

    @Override
    public Optional<TokenUse> use(
            String clientTokenHash, String accessTokenHash, Instant now, Optional<RateLimit> rateLimit) {
        if (rateLimit.isEmpty()) {
            return Optional.ofNullable(accessTokens.getItem(r ->
                            r.key(TokenItems.key(Kind.ACCESS, accessTokenHash)).consistentRead(true)))
                    .filter(item -> authentic(item, clientTokenHash))
                    .map(item -> new TokenUse(caller(item.token()), 0));
        }
        RateLimit limit = rateLimit.get();
        long nowMicros = RateLimit.micros(now);
        boolean busy = busy(lastSeen.getOrDefault(accessTokenHash, 0L), nowMicros, limit);
        while (true) {
            Map<String, AttributeValue> before;
            boolean written;
            try {
                before = update(clientTokenHash, accessTokenHash, nowMicros, limit, busy);
                written = true;
            } catch (ConditionalCheckFailedException wrongUpdateOrNotAuthentic) {
                before = wrongUpdateOrNotAuthentic.item();
                written = false;
            }
            if (before == null || before.isEmpty()) {
                return Optional.empty();
            }
            AccessTokenItem item = TokenItems.ACCESS.mapToItem(before);
            if (!authentic(item, clientTokenHash)) {
                return Optional.empty();
            }
            long tat = item.rateTat() == null ? 0 : item.rateTat();
            long after = limit.next(tat, nowMicros);
            if (written || after == tat) {
                remember(accessTokenHash, after);
                return Optional.of(new TokenUse(caller(item.token()), tat));
            }
            busy = busy(tat, nowMicros, limit);
        }
    }

    /** Which update a token whose TAT is {@code tat} takes: busy, or idle (also for a TAT from a clock ahead of ours). */
    private static boolean busy(long tat, long nowMicros, RateLimit limit) {
        return tat >= nowMicros && !limit.unreachable(tat, nowMicros);
    }

    /** The item before the update; throws when the token does not authenticate or its TAT is not where assumed. */
    private Map<String, AttributeValue> update(
            String clientTokenHash, String accessTokenHash, long nowMicros, RateLimit limit, boolean busy) {
        Map<String, AttributeValue> values = busy
                ? Map.of(
                        ":client", AttributeValue.fromS(clientTokenHash),
                        ":now", number(nowMicros),
                        ":full", number(nowMicros + limit.backlogMicros()),
                        ":interval", number(limit.intervalMicros()))
                : Map.of(
                        ":client", AttributeValue.fromS(clientTokenHash),
                        ":now", number(nowMicros),
                        ":unreachable", number(nowMicros + limit.backlogMicros() + limit.intervalMicros()),
                        ":next", number(nowMicros + limit.intervalMicros()));
        return dynamoDb.updateItem(b -> b.tableName(tableName)
                        .key(TokenItems.key(Kind.ACCESS, accessTokenHash).primaryKeyMap(TokenItems.ACCESS))
                        .conditionExpression(busy ? BUSY : IDLE)
                        .updateExpression(busy ? ADD_BUSY : SET_IDLE)
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_OLD)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .attributes();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static boolean authentic(AccessTokenItem item, String clientTokenHash) {
        return item.token().clientTokenHash().equals(clientTokenHash)
                && item.token().isActive();
    }

    private void remember(String accessTokenHash, long tat) {
        if (lastSeen.size() >= MAX_REMEMBERED_TOKENS) {
            lastSeen.clear();
        }
        lastSeen.put(accessTokenHash, tat);
    }

    private static Caller caller(AccessToken token) {
        return new Caller(token.hash(), token.chainIds(), token.portfolio());
    }
}
