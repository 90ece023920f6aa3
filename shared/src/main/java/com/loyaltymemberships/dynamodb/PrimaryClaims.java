package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.WriteConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A new primary membership of an account that has none, written without a transaction (docs/WRITE-COST-PLAN.md, E):
 * first the account's pointer, as a claim on the new membership until its lease ends ({@link PrimaryPointer#CLAIM_UNTIL}),
 * conditional on the account having no pointer; then the membership, conditional on its Id being new. Two PutItems,
 * half a transaction's units.
 *
 * <p>Between the two, or for good if the claimer dies there, the pointer names a membership that does not exist. A
 * writer that reads such a pointer ({@link #settle}):
 * <ul>
 *   <li>while the lease runs: the membership may still land, so that is a conflict (409 once its retries are spent);</li>
 *   <li>after it: writes a tombstone at the membership's key, which the claimer's PutItem, however late, cannot pass
 *       ({@code attribute_not_exists}), then deletes the pointer and reads again.</li>
 * </ul>
 * So an account never has two primaries, and a claim whose writer died is cleared by the next writer of that account's
 * primary after one lease. A claim whose membership exists is an ordinary pointer. Readers take a tombstone for no
 * membership ({@link MembershipTable}); it has no index key, so no listing meets it, and DynamoDB's TTL deletes it.
 *
 * <p>Only a new membership is claimed for: an update that makes an existing membership primary keeps its transaction,
 * since a tombstone cannot fence a PutItem conditional on a version (the membership exists).
 */
final class PrimaryClaims {

    /**
     * How long a claim waits for its membership, from the instant before the claim is sent: the claim's call and then
     * the membership's, each at most {@link ChangeWriter#CALL} with its retries, and one call more for an attempt that
     * DynamoDB applies after the client gave up on it, and for two functions' clocks. The claimer sends the membership
     * right after the claim ({@link ChangeWriter}), so past the lease it either exists or never will, once fenced (the
     * tombstone does not rely on the timing). Short, since a claim whose writer died answers 409 to its account's primary
     * changes until it ends.
     */
    static final Duration LEASE = ChangeWriter.CALL.multipliedBy(3);

    /** A tombstone is kept far past any lease; then DynamoDB's TTL deletes it (an Id is never used again). */
    static final Duration TOMBSTONE_KEPT = Duration.ofDays(1);

    /** A claim's two writes: a new membership, and its account's pointer, which names none yet, to it. */
    record Claim(ItemWrite.Create membership, ItemWrite.Point pointer) {

        /** The claim that {@code writes} are, if they are exactly a new membership and its account's first pointer. */
        static Optional<Claim> of(List<ItemWrite> writes) {
            if (writes.size() == 2
                    && writes.get(0) instanceof ItemWrite.Create c
                    && writes.get(1) instanceof ItemWrite.Point p
                    && p.from().isEmpty()
                    && p.to().equals(Optional.of(c.after().id()))) {
                return Optional.of(new Claim(c, p));
            }
            return Optional.empty();
        }
    }

    private final DynamoDbTables tables;
    private final BatchReader reader;

    PrimaryClaims(DynamoDbTables tables, BatchReader reader) {
        this.tables = tables;
        this.reader = reader;
    }

    /**
     * Checks the claims among {@code pointers} (a pointer with no claim, or whose membership exists, passes).
     *
     * @throws WriteConflictException when a claim's membership is missing: while the claim's lease runs; after it, once
     *                                the claim is cleared, to read again
     */
    void settle(List<PrimaryPointer> pointers, Instant now) {
        List<PrimaryPointer> claims =
                pointers.stream().filter(p -> p.claimUntil().isPresent()).toList();
        if (claims.isEmpty()) {
            return;
        }
        List<Key> keys = claims.stream()
                .map(p -> MembershipTable.key(p.membershipId()))
                .distinct()
                .toList();
        Set<UUID> landed = reader.read(tables.memberships(), keys).stream()
                .map(Membership::id)
                .collect(Collectors.toSet());
        List<PrimaryPointer> missing =
                claims.stream().filter(p -> !landed.contains(p.membershipId())).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (missing.stream().anyMatch(p -> !p.claimUntil().orElseThrow().isBefore(now))) {
            throw new WriteConflictException("another request is making a primary membership for this account", null);
        }
        missing.forEach(claim -> clear(claim, now));
        throw new WriteConflictException("a primary membership's abandoned claim was cleared; read again", null);
    }

    /** Fences the claimed membership out with a tombstone, then deletes the pointer if it still is that claim. */
    private void clear(PrimaryPointer claim, Instant now) {
        Key key = MembershipTable.key(claim.membershipId());
        try {
            // Passes on a tombstone already there (a clearing that stopped halfway), never on a membership.
            tables.dynamoDb.putItem(put -> put.tableName(tables.tableName)
                    .item(Map.of(
                            TableDefinition.PK,
                            key.partitionKeyValue(),
                            TableDefinition.SK,
                            key.sortKeyValue().orElseThrow(),
                            TableDefinition.EXPIRES_AT,
                            AttributeValue.fromN(
                                    Long.toString(now.plus(TOMBSTONE_KEPT).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", TableDefinition.ID)));
        } catch (ConditionalCheckFailedException landed) {
            return; // the membership landed just now: the pointer is right
        }
        try {
            tables.pointers()
                    .deleteItem(DeleteItemEnhancedRequest.builder()
                            .key(PrimaryPointer.key(claim.chainId(), claim.accountId()))
                            .conditionExpression(ItemActions.free(ItemActions.pointsTo(claim.membershipId())))
                            .build());
        } catch (ConditionalCheckFailedException moved) {
            // Another writer cleared or moved it first.
        }
    }
}
