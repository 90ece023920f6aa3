package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.membership.Membership;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ItemWrite}s as a journal keeps them: each a map, its items in the form their own schemas give them, so that
 * recovery rebuilds exactly the writes the request planned.
 */
final class JournalCodec {

    /** An attribute kept as the DynamoDB value it is. */
    static final AttributeConverter<AttributeValue> RAW = new AttributeConverter<>() {
        @Override
        public AttributeValue transformFrom(AttributeValue input) {
            return input;
        }

        @Override
        public AttributeValue transformTo(AttributeValue input) {
            return input;
        }

        @Override
        public EnhancedType<AttributeValue> type() {
            return EnhancedType.of(AttributeValue.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.L;
        }
    };

    private JournalCodec() {}

    static AttributeValue encode(List<ItemWrite> writes) {
        return AttributeValue.fromL(writes.stream().map(JournalCodec::encode).toList());
    }

    static List<ItemWrite> decode(AttributeValue writes) {
        return writes.l().stream().map(w -> decode(w.m())).toList();
    }

    private static AttributeValue encode(ItemWrite write) {
        Map<String, AttributeValue> map = new HashMap<>();
        if (write instanceof ItemWrite.Create c) {
            map.put("T", AttributeValue.fromS("Create"));
            map.put("After", membership(c.after()));
        } else if (write instanceof ItemWrite.Replace r) {
            map.put("T", AttributeValue.fromS("Replace"));
            map.put("Before", membership(r.before()));
            map.put("After", membership(r.after()));
        } else if (write instanceof ItemWrite.Point p) {
            map.put("T", AttributeValue.fromS("Point"));
            map.put("ChainId", AttributeValue.fromS(p.chainId().toString()));
            map.put("AccountId", AttributeValue.fromS(p.accountId().toString()));
            p.from().ifPresent(id -> map.put("From", AttributeValue.fromS(id.toString())));
            p.to().ifPresent(id -> map.put("To", AttributeValue.fromS(id.toString())));
        } else {
            map.put("T", AttributeValue.fromS("Keep"));
            map.put(
                    "Entry",
                    AttributeValue.fromM(IdempotencyRepository.schema()
                            .itemToMap(IdempotencyRepository.Entry.of(((ItemWrite.Keep) write).receipt()), true)));
        }
        return AttributeValue.fromM(map);
    }

    private static ItemWrite decode(Map<String, AttributeValue> map) {
        switch (map.get("T").s()) {
            case "Create":
                return new ItemWrite.Create(membership(map.get("After")));
            case "Replace":
                return new ItemWrite.Replace(membership(map.get("Before")), membership(map.get("After")));
            case "Point":
                return new ItemWrite.Point(
                        UUID.fromString(map.get("ChainId").s()),
                        UUID.fromString(map.get("AccountId").s()),
                        id(map.get("From")),
                        id(map.get("To")));
            case "Keep":
                IdempotencyRepository.Entry entry = IdempotencyRepository.schema()
                        .mapToItem(map.get("Entry").m());
                return new ItemWrite.Keep(
                        ((com.loyaltymemberships.idempotency.IdempotencyStore.Answered) entry.held()).receipt());
            default:
                throw new IllegalStateException("unknown journal entry " + map.get("T"));
        }
    }

    private static AttributeValue membership(Membership m) {
        return AttributeValue.fromM(MembershipTable.SCHEMA.itemToMap(m, true));
    }

    private static Membership membership(AttributeValue value) {
        return MembershipTable.SCHEMA.mapToItem(value.m());
    }

    private static Optional<UUID> id(AttributeValue value) {
        return Optional.ofNullable(value).map(v -> UUID.fromString(v.s()));
    }
}
