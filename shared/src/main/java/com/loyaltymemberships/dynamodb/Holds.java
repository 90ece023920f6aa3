package com.loyaltymemberships.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a write that needs several transactions keeps others off its items until it is done ({@link ChangeWriter}):
 * it first marks each existing item it will change with its id in the {@value #LOCK} attribute. Every other write is
 * conditional on that attribute being absent, and a writer that reads a held item waits for (or recovers) its holder.
 * Readers ignore it.
 */
final class Holds {

    static final String LOCK = "Lock";

    /** Sets (or, when {@code holder} is empty, removes) the lock of the item with this key, and nothing else. */
    record Mark(String partitionKey, String sortKey, Optional<String> holder) {

        static Mark of(Key key, Optional<String> holder) {
            return new Mark(
                    key.partitionKeyValue().s(),
                    key.sortKeyValue().orElseThrow().s(),
                    holder);
        }

        Key key() {
            return Key.builder().partitionValue(partitionKey).sortValue(sortKey).build();
        }

        /**
         * Any item seen as its key and lock. Written with an update that ignores no null, so that an empty holder
         * removes the lock and the update touches nothing else; read to learn who holds items of any kind. Built the
         * first time a write of several transactions holds items, or recovery reads them.
         */
        static final TableSchema<Mark> SCHEMA = StaticImmutableTableSchema.builder(Mark.class, MarkBuilder.class)
                .newItemBuilder(MarkBuilder::new, MarkBuilder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.PK)
                                .getter(Mark::partitionKey)
                                .setter((b, v) -> b.partitionKey = v)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(TableDefinition.SK)
                                .getter(Mark::sortKey)
                                .setter((b, v) -> b.sortKey = v)
                                .tags(primarySortKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(LOCK)
                                .getter(m -> m.holder().orElse(null))
                                .setter((b, v) -> b.holder = Optional.ofNullable(v)))
                .build();
    }

    private static final class MarkBuilder {
        private String partitionKey;
        private String sortKey;
        private Optional<String> holder = Optional.empty();

        Mark build() {
            return new Mark(partitionKey, sortKey, holder);
        }
    }

    private Holds() {}

    /** The schema of an item with its {@value #LOCK} besides: what writers read, to see who holds it. */
    static <T, H> TableSchema<H> schema(
            TableSchema<T> itemSchema,
            Class<H> type,
            Function<H, T> item,
            Function<H, Optional<String>> lock,
            BiFunction<T, Optional<String>, H> make) {
        final class Builder {
            private T built;
            private Optional<String> holder = Optional.empty();
        }
        return StaticImmutableTableSchema.builder(type, Builder.class)
                .newItemBuilder(Builder::new, b -> make.apply(b.built, b.holder))
                .flatten(itemSchema, item, (b, v) -> b.built = v)
                .addAttribute(
                        String.class,
                        a -> a.name(LOCK)
                                .getter(h -> lock.apply(h).orElse(null))
                                .setter((b, v) -> b.holder = Optional.ofNullable(v)))
                .build();
    }

    /** The item is held by {@code holder}. */
    static Expression heldBy(String holder) {
        return Expression.builder()
                .expression("#lock = :holder")
                .putExpressionName("#lock", LOCK)
                .putExpressionValue(":holder", AttributeValue.fromS(holder))
                .build();
    }
}
