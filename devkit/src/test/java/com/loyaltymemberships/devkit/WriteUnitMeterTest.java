package com.loyaltymemberships.devkit;

import static com.loyaltymemberships.devkit.WriteUnitMeter.checked;
import static com.loyaltymemberships.devkit.WriteUnitMeter.refused;
import static com.loyaltymemberships.devkit.WriteUnitMeter.written;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.loyaltymemberships.devkit.WriteUnitMeter.ItemUnits;
import com.loyaltymemberships.devkit.WriteUnitMeter.MeteredCall;
import com.loyaltymemberships.devkit.WriteUnitMeter.TableShape;
import com.loyaltymemberships.devkit.WriteUnitMeter.Totals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The meter's arithmetic on hand-made before and after images (the rules are in {@link WriteUnitMeter}). */
class WriteUnitMeterTest {

    /** PK/SK; ByState (StateKey, Id) and ByNumber (NumberKey, Id, sparse) project ALL; ByStateKeys only keys. */
    private static final TableShape TABLE = TableShape.of(TableDescription.builder()
            .tableName("t")
            .keySchema(key("SK", KeyType.RANGE), key("PK", KeyType.HASH))
            .globalSecondaryIndexes(
                    index("ByState", ProjectionType.ALL, "StateKey"),
                    index("ByNumber", ProjectionType.ALL, "NumberKey"),
                    index("ByStateKeys", ProjectionType.KEYS_ONLY, "StateKey"))
            .build());

    @Test
    void theTablesKeyAndIndexesAreReadFromItsDescription() {
        assertEquals(List.of("PK", "SK"), TABLE.key());
        assertEquals(List.of("StateKey", "Id"), TABLE.indexes().get(0).key());
    }

    @Test
    void aStartedKbIsAUnit() {
        assertEquals(1, WriteUnitMeter.units(0));
        assertEquals(1, WriteUnitMeter.units(1));
        assertEquals(1, WriteUnitMeter.units(1024));
        assertEquals(2, WriteUnitMeter.units(1025));
        assertEquals(3, WriteUnitMeter.units(2049));
    }

    @Test
    void aNewItemIsAPutInTheTableAndInEveryIndexItIsIn() {
        ItemUnits units = written(TABLE, null, membership("Enrolled", null, 10), false);
        assertEquals(new ItemUnits("MEMBERSHIP", 1, Map.of("ByState", 1, "ByStateKeys", 1)), units);
        assertEquals(3, units.total());
    }

    @Test
    void anUpdateNotTouchingAnIndexKeyRewritesTheEntriesThatProjectWhatChanged() {
        ItemUnits units = written(TABLE, membership("Enrolled", "N-1", 10), membership("Enrolled", "N-1", 20), false);
        // ByStateKeys projects no Points: nothing to write there.
        assertEquals(new ItemUnits("MEMBERSHIP", 1, Map.of("ByState", 1, "ByNumber", 1)), units);
    }

    @Test
    void anUpdateChangingNothingWritesTheTableItemOnly() {
        Map<String, AttributeValue> item = membership("Enrolled", "N-1", 10);
        assertEquals(new ItemUnits("MEMBERSHIP", 1, Map.of()), written(TABLE, item, item, false));
    }

    @Test
    void anUpdateMovingAnIndexKeyDeletesTheOldEntryAndPutsTheNewOne() {
        ItemUnits units = written(TABLE, membership("Enrolled", "N-1", 10), membership("Pending", "N-1", 10), false);
        assertEquals(new ItemUnits("MEMBERSHIP", 1, Map.of("ByState", 2, "ByStateKeys", 2, "ByNumber", 1)), units);
    }

    @Test
    void anEntryAppearsOrDisappearsWithItsSparseKey() {
        assertEquals(
                Map.of("ByState", 1, "ByNumber", 1),
                written(TABLE, membership("Enrolled", null, 10), membership("Enrolled", "N-1", 10), false)
                        .indexes());
        assertEquals(
                Map.of("ByState", 1, "ByNumber", 1),
                written(TABLE, membership("Enrolled", "N-1", 10), membership("Enrolled", null, 10), false)
                        .indexes());
    }

    @Test
    void aDeleteBillsTheDeletedItemAndEachOfItsEntries() {
        assertEquals(
                new ItemUnits("MEMBERSHIP", 1, Map.of("ByState", 1, "ByNumber", 1, "ByStateKeys", 1)),
                written(TABLE, membership("Enrolled", "N-1", 10), null, false));
    }

    @Test
    void anEntryOf1025BytesCostsTwo() {
        Map<String, AttributeValue> item = sized(membership("Enrolled", null, 10), 1025);
        assertEquals(1025, ItemSize.of(item));
        ItemUnits units = written(TABLE, null, item, false);
        // The ALL entry is the whole item; the KEYS_ONLY one a few bytes.
        assertEquals(new ItemUnits("MEMBERSHIP", 2, Map.of("ByState", 2, "ByStateKeys", 1)), units);
        assertEquals(
                1,
                written(TABLE, null, sized(membership("Enrolled", null, 10), 1024), false)
                        .table());
    }

    @Test
    void anUpdateBillsTheLargerOfBeforeAndAfter() {
        Map<String, AttributeValue> big = sized(membership("Enrolled", null, 10), 1500);
        Map<String, AttributeValue> small = membership("Enrolled", null, 10);
        assertEquals(2, written(TABLE, big, small, false).table());
        assertEquals(2, written(TABLE, small, big, false).table());
        // The index entry rewritten in place is the new one.
        assertEquals(1, written(TABLE, big, small, false).indexes().get("ByState"));
    }

    @Test
    void aTransactionalWriteDoublesTheTableItemNotItsIndexEntries() {
        ItemUnits plain = written(TABLE, null, membership("Enrolled", "N-1", 10), false);
        ItemUnits transactional = written(TABLE, null, membership("Enrolled", "N-1", 10), true);
        assertEquals(2 * plain.table(), transactional.table());
        assertEquals(plain.indexes(), transactional.indexes());
        Map<String, AttributeValue> big = sized(membership("Enrolled", null, 10), 1025);
        assertEquals(4, written(TABLE, null, big, true).table());
    }

    @Test
    void aConditionCheckIsATransactionalWriteOfTheItemChecked() {
        Map<String, AttributeValue> item = sized(membership("Enrolled", null, 10), 1025);
        assertEquals(new ItemUnits("MEMBERSHIP", 4, Map.of()), checked(TABLE, key(item), item));
        assertEquals(new ItemUnits("MEMBERSHIP", 2, Map.of()), checked(TABLE, key(item), null));
    }

    @Test
    void aFailedConditionBillsTheItemAsItIsOrAsAPutWouldMakeItAndOneUnitForNoItem() {
        Map<String, AttributeValue> small = membership("Enrolled", null, 10);
        Map<String, AttributeValue> big = sized(membership("Enrolled", null, 10), 2049);
        assertEquals(new ItemUnits("MEMBERSHIP", 3, Map.of()), refused(TABLE, key(big), big, null));
        assertEquals(3, refused(TABLE, key(small), small, big).table());
        assertEquals(1, refused(TABLE, key(small), null, null).table());
    }

    @Test
    void totalsBreakUnitsDownByKindAndIndex() {
        Map<String, AttributeValue> token = new HashMap<>(
                Map.of("PK", AttributeValue.fromS("ACCESS_TOKEN#abc"), "SK", AttributeValue.fromS("TOKEN")));
        Totals totals = Totals.of(List.of(
                new MeteredCall("UpdateItem", false, List.of(written(TABLE, token, token, false))),
                new MeteredCall(
                        "TransactWriteItems",
                        false,
                        List.of(written(TABLE, null, membership("Enrolled", "N-1", 10), true)))));
        assertEquals(1 + 2 + 3, totals.units());
        assertEquals(3, totals.table());
        assertEquals(3, totals.indexes());
        assertEquals(Map.of("ACCESS_TOKEN", 1, "MEMBERSHIP", 5), totals.byKind());
        assertEquals(Map.of("ByNumber", 1, "ByState", 1, "ByStateKeys", 1), totals.byIndex());
        assertEquals(0, totals.of("JOURNAL"));
    }

    private static Map<String, AttributeValue> membership(String state, String number, int points) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("MEMBERSHIP#m1"));
        item.put("SK", AttributeValue.fromS("MEMBERSHIP"));
        item.put("Id", AttributeValue.fromS("m1"));
        item.put("State", AttributeValue.fromS(state));
        item.put("StateKey", AttributeValue.fromS("c1#A#" + state));
        item.put("Points", AttributeValue.fromN(Integer.toString(points)));
        if (number != null) {
            item.put("MembershipNumber", AttributeValue.fromS(number));
            item.put("NumberKey", AttributeValue.fromS("c1#A#" + number));
        }
        return item;
    }

    /** {@code item} padded with a Url to exactly {@code bytes}. */
    private static Map<String, AttributeValue> sized(Map<String, AttributeValue> item, int bytes) {
        long rest = bytes - ItemSize.of(item) - "Url".length();
        item.put("Url", AttributeValue.fromS("u".repeat((int) rest)));
        return item;
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of("PK", item.get("PK"), "SK", item.get("SK"));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndexDescription index(String name, ProjectionType projection, String partitionKey) {
        return GlobalSecondaryIndexDescription.builder()
                .indexName(name)
                .keySchema(key(partitionKey, KeyType.HASH), key("Id", KeyType.RANGE))
                .projection(p -> p.projectionType(projection))
                .build();
    }
}
