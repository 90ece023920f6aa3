package com.loyaltymemberships.testing;

import com.loyaltymemberships.idempotency.Claim;
import com.loyaltymemberships.idempotency.IdempotencyStore;
import com.loyaltymemberships.idempotency.Receipt;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyStore} in a map, for fast tests; {@code IdempotencyStoreContract} holds it to what
 * {@code dynamodb.IdempotencyRepository} does. One entry per (access token hash, key hash): the claim that holds the key
 * and, once there is one, the kept answer.
 *
 * <p>Like the repository, a claim's lease is kept to the millisecond and an answer's expiry to the second (the TTL
 * attribute, epoch seconds), and expiry is decided at the second: an answer counts as gone once its expiry's second is
 * before now's second.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(Claim claim, Optional<Receipt> answer) {}

    private record KeyId(String tokenHash, String keyHash) {
        static KeyId of(Claim claim) {
            return new KeyId(claim.tokenHash(), claim.keyHash());
        }
    }

    private final Map<KeyId, Entry> entries = new HashMap<>();

    @Override
    public synchronized Optional<KeyState> claim(Claim claim, Instant now) {
        Entry found = entries.get(KeyId.of(claim));
        boolean free = found == null
                || found.answer().isPresent()
                        && found.answer().get().expiresAt().getEpochSecond() < now.getEpochSecond()
                || found.answer().isEmpty() && found.claim().leaseUntil().isBefore(now);
        if (!free) {
            return Optional.of(held(found));
        }
        entries.put(KeyId.of(claim), new Entry(stored(claim), Optional.empty()));
        return Optional.empty();
    }

    @Override
    public synchronized void keep(Receipt receipt) {
        if (isRunning(receipt.claim())) {
            keepWithCommit(receipt);
        }
    }

    @Override
    public synchronized void release(Claim claim) {
        if (isRunning(claim)) {
            entries.remove(KeyId.of(claim));
        }
    }

    /** Whether {@code claim} holds its key and no answer is kept yet: the condition under which its answer may be kept. */
    synchronized boolean isRunning(Claim claim) {
        Entry found = entries.get(KeyId.of(claim));
        return found != null && found.answer().isEmpty() && found.claim().id().equals(claim.id());
    }

    /** Keeps an answer with a membership commit ({@link InMemoryMembershipStore#commit}); the caller checked {@link #isRunning}. */
    synchronized void keepWithCommit(Receipt receipt) {
        Claim claim = stored(receipt.claim());
        entries.put(
                KeyId.of(claim),
                new Entry(
                        claim,
                        Optional.of(new Receipt(
                                claim,
                                receipt.status(),
                                receipt.body().clone(),
                                Instant.ofEpochSecond(receipt.expiresAt().getEpochSecond())))));
    }

    /** A claim as the repository stores it: its lease to the millisecond. */
    private static Claim stored(Claim c) {
        return new Claim(
                c.tokenHash(),
                c.keyHash(),
                c.id(),
                c.operation(),
                c.bodyHash(),
                c.leaseUntil().truncatedTo(ChronoUnit.MILLIS));
    }

    private static KeyState held(Entry entry) {
        return entry.answer().<KeyState>map(Answered::new).orElseGet(() -> new Running(entry.claim()));
    }
}
