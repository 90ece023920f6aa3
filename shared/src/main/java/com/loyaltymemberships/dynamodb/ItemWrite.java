package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.idempotency.Receipt;
import com.loyaltymemberships.membership.Membership;
import java.util.Optional;
import java.util.UUID;

/**
 * One item a request writes, as data: what {@link ItemActions} turns into transaction actions, and what a journal
 * keeps so that recovery can finish or release the write ({@link JournalCodec}).
 */
sealed interface ItemWrite {

    /** A new membership. Its Id is new, so nobody else can be writing it. */
    record Create(Membership after) implements ItemWrite {}

    /**
     * A membership replaced, if it is still at the version the request read ({@code readVersion}): only that version of
     * what was read conditions the write, so it is all a journal needs to keep of it.
     */
    record Replace(long readVersion, Membership after) implements ItemWrite {}

    /** An account's primary pointer in a chain moved from one membership (or none) to another (or none). */
    record Point(UUID chainId, UUID accountId, Optional<UUID> from, Optional<UUID> to) implements ItemWrite {}

    /** The answer kept under an Idempotency-Key, if the key is still held by the claim that ran the write. */
    record Keep(Receipt receipt) implements ItemWrite {}
}
