package com.loyaltymemberships.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.loyaltymemberships.idempotency.Claim;
import com.loyaltymemberships.idempotency.IdempotencyStore;
import com.loyaltymemberships.idempotency.Receipt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency-Keys (SPEC §11), one item per access token and key hash: a running claim, then the kept answer (its
 * body gzip-compressed: a 1000-membership answer is far over DynamoDB's item size uncompressed). Items expire through
 * the table's TTL 24 hours after the answer; an answer past that time counts as absent even before TTL removes it.
 */
public final class IdempotencyRepository implements IdempotencyStore {

    static final String TYPE = "IDEMPOTENCY";
    private static final String RUNNING = "RUNNING";
    private static final String ANSWERED = "ANSWERED";

    /** A key's item: the claim that holds it and, once there is one, the answer. */
    record Entry(Claim claim, Optional<KeptAnswer> answer) {

        static Entry of(Receipt receipt) {
            return new Entry(
                    receipt.claim(),
                    Optional.of(new KeptAnswer(receipt.status(), receipt.body(), receipt.expiresAt())));
        }

        KeyState held() {
            return answer.<KeyState>map(a -> new Answered(new Receipt(claim, a.status(), a.body(), a.expiresAt())))
                    .orElseGet(() -> new Running(claim));
        }
    }

    record KeptAnswer(int status, byte[] body, Instant expiresAt) {}

    /** Built on first use: only requests that carry an Idempotency-Key, and recovery, read or write these items. */
    private static final class Schema {
        static final TableSchema<Entry> ENTRY = build();
    }

    private final DynamoDbTables tables;
    private final WriteRecovery recovery;

    public IdempotencyRepository(DynamoDbTables tables, WriteRecovery recovery) {
        this.tables = tables;
        this.recovery = recovery;
    }

    static TableSchema<Entry> schema() {
        return Schema.ENTRY;
    }

    static Key key(Claim claim) {
        return Key.builder()
                .partitionValue(TYPE + "#" + claim.tokenHash() + "#" + claim.keyHash())
                .sortValue(TYPE)
                .build();
    }

    @Override
    public Optional<KeyState> claim(Claim claim, Instant now) {
        Expression free = Expression.builder()
                .expression("attribute_not_exists(#pk) OR (#state = :answered AND #expires < :now)")
                .putExpressionName("#pk", TableDefinition.PK)
                .putExpressionName("#state", "State")
                .putExpressionName("#expires", TableDefinition.EXPIRES_AT)
                .putExpressionValue(":answered", AttributeValue.fromS(ANSWERED))
                .putExpressionValue(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))
                .build();
        Optional<Entry> found = putUnless(new Entry(claim, Optional.empty()), free);
        if (found.isEmpty()
                || found.get().answer().isPresent()
                || !found.get().claim().leaseUntil().isBefore(now)) {
            return found.map(Entry::held);
        }
        // Its holder is gone: finish what it was writing (its journal carries its claim's id), then take the key over.
        Claim abandoned = found.get().claim();
        recovery.recover(abandoned.id());
        return putUnless(new Entry(claim, Optional.empty()), heldBy(abandoned, RUNNING))
                .map(Entry::held);
    }

    @Override
    public void keep(Receipt receipt) {
        putUnless(Entry.of(receipt), heldBy(receipt.claim(), RUNNING));
    }

    @Override
    public void release(Claim claim) {
        try {
            tables.keys().deleteItem(r -> r.key(key(claim)).conditionExpression(heldBy(claim, RUNNING)));
        } catch (ConditionalCheckFailedException alreadyTakenOver) {
            // Someone took the key over after our lease: it is theirs now.
        }
    }

    /** The write that keeps {@code receipt} with a request's last changes. */
    static Expression stillHeldBy(Claim claim) {
        return heldBy(claim, RUNNING);
    }

    /** Puts {@code entry} if {@code condition} holds; else what the key holds (its old entry). */
    private Optional<Entry> putUnless(Entry entry, Expression condition) {
        try {
            tables.keys()
                    .putItem(PutItemEnhancedRequest.builder(Entry.class)
                            .item(entry)
                            .conditionExpression(condition)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            return old.isEmpty() ? Optional.empty() : Optional.of(schema().mapToItem(old));
        }
    }

    private static Expression heldBy(Claim claim, String state) {
        return Expression.builder()
                .expression("#claim = :claim AND #state = :state")
                .putExpressionName("#claim", "ClaimId")
                .putExpressionName("#state", "State")
                .putExpressionValue(":claim", AttributeValue.fromS(claim.id()))
                .putExpressionValue(":state", AttributeValue.fromS(state))
                .build();
    }

    private static final class Builder {
        private String tokenHash;
        private String keyHash;
        private String claimId;
        private String operation;
        private String bodyHash;
        private Instant leaseUntil;
        private Integer status;
        private byte[] body;
        private Instant expiresAt;

        Entry build() {
            Claim claim = new Claim(tokenHash, keyHash, claimId, operation, bodyHash, leaseUntil);
            return new Entry(claim, Optional.ofNullable(status).map(s -> new KeptAnswer(s, body, expiresAt)));
        }
    }

    private static TableSchema<Entry> build() {
        return StaticImmutableTableSchema.builder(Entry.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(e -> key(e.claim()).partitionKeyValue().s())
                                .setter((b, v) -> {})
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(e -> TYPE)
                                .setter((b, v) -> {})
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class,
                        a -> a.name("TokenHash")
                                .getter(e -> e.claim().tokenHash())
                                .setter((b, v) -> b.tokenHash = v))
                .addAttribute(
                        String.class,
                        a -> a.name("KeyHash").getter(e -> e.claim().keyHash()).setter((b, v) -> b.keyHash = v))
                .addAttribute(
                        String.class,
                        a -> a.name("ClaimId").getter(e -> e.claim().id()).setter((b, v) -> b.claimId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("Operation")
                                .getter(e -> e.claim().operation())
                                .setter((b, v) -> b.operation = v))
                .addAttribute(
                        String.class,
                        a -> a.name("BodyHash")
                                .getter(e -> e.claim().bodyHash())
                                .setter((b, v) -> b.bodyHash = v))
                .addAttribute(
                        Long.class,
                        a -> a.name("LeaseUntil")
                                .getter(e -> e.claim().leaseUntil().toEpochMilli())
                                .setter((b, v) -> b.leaseUntil = Instant.ofEpochMilli(v)))
                .addAttribute(
                        String.class,
                        a -> a.name("State")
                                .getter(e -> e.answer().isPresent() ? ANSWERED : RUNNING)
                                .setter((b, v) -> {}))
                .addAttribute(
                        Integer.class,
                        a -> a.name("Status")
                                .getter(e -> e.answer().map(KeptAnswer::status).orElse(null))
                                .setter((b, v) -> b.status = v))
                .addAttribute(
                        SdkBytes.class,
                        a -> a.name("Body")
                                .getter(e -> e.answer()
                                        .map(x -> SdkBytes.fromByteArray(gzip(x.body())))
                                        .orElse(null))
                                .setter((b, v) -> b.body = gunzip(v.asByteArrayUnsafe())))
                // TTL: an answer 24 hours after it was given; a claim whose holder vanished, as long after its lease.
                .addAttribute(
                        Long.class,
                        a -> a.name(TableDefinition.EXPIRES_AT)
                                .getter(e -> e.answer()
                                        .map(KeptAnswer::expiresAt)
                                        .orElse(e.claim()
                                                .leaseUntil()
                                                .plus(com.loyaltymemberships.idempotency.Idempotency.KEPT_FOR))
                                        .getEpochSecond())
                                .setter((b, v) -> b.expiresAt = Instant.ofEpochSecond(v)))
                .build();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return zip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
