package com.loyaltymemberships.devkit;

import static com.loyaltymemberships.devkit.TestTables.count;
import static com.loyaltymemberships.devkit.TestTables.key;
import static com.loyaltymemberships.devkit.TestTables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Each limit against the engine: a request at the limit is accepted by the interceptor and served by the engine;
 * one past it fails with AWS's ValidationException, is recorded, and never reaches the engine (where moto would
 * accept some of them, nothing is written).
 */
@ExtendWith(DynamoDbEngineExtension.class)
class AwsLimitsInterceptorTest {
    private static final int MAX_ITEM = 400 * 1024;

    private final DynamoDbEngine engine;
    private final DynamoDbClient dynamo;
    private final String table;

    AwsLimitsInterceptorTest(DynamoDbEngine engine, DynamoDbClient dynamo) {
        this.engine = engine;
        this.dynamo = dynamo;
        this.table = TestTables.create(dynamo, "limits");
    }

    @AfterEach
    void deleteTable() {
        dynamo.deleteTable(request -> request.tableName(table));
    }

    // BatchWriteItem

    @Test
    void batchWriteOf25PutsIsServed() {
        dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, puts(0, 25))));

        assertEquals(25, count(dynamo, table));
    }

    @Test
    void batchWriteOf26PutsIsRejected() {
        assertRejected(
                "BatchWriteItem: 26 write requests; at most 25",
                () -> dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, puts(0, 26)))));

        // moto itself would have written all 26.
        assertEquals(0, count(dynamo, table));
    }

    @Test
    void batchWriteLimitCountsRequestsAcrossTables() {
        String other = TestTables.create(dynamo, "limits-other");

        assertRejected(
                "26 write requests",
                () -> dynamo.batchWriteItem(
                        request -> request.requestItems(Map.of(table, puts(0, 13), other, puts(0, 13)))));

        assertEquals(0, count(dynamo, table));
        assertEquals(0, count(dynamo, other));
    }

    @Test
    void batchWriteWithTwoRequestsOnOneItemIsRejected() {
        List<WriteRequest> writes = List.of(
                WriteRequest.builder()
                        .putRequest(put -> put.item(key("p", "same")))
                        .build(),
                WriteRequest.builder()
                        .deleteRequest(delete -> delete.key(key("p", "same")))
                        .build());

        assertRejected(
                "two requests on the item",
                () -> dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, writes))));
    }

    // BatchGetItem

    @Test
    void batchGetOf100KeysIsServed() {
        dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, puts(0, 25))));

        var response = dynamo.batchGetItem(request -> request.requestItems(Map.of(table, keys(0, 100))));

        assertEquals(25, response.responses().get(table).size());
    }

    @Test
    void batchGetOf101KeysIsRejected() {
        assertRejected(
                "BatchGetItem: 101 keys; at most 100",
                () -> dynamo.batchGetItem(request -> request.requestItems(Map.of(table, keys(0, 101)))));
    }

    @Test
    void batchGetWithADuplicateKeyIsRejected() {
        KeysAndAttributes keys = KeysAndAttributes.builder()
                .keys(List.of(key("p", "1"), key("p", "2"), key("p", "1")))
                .build();

        assertRejected(
                "is requested twice", () -> dynamo.batchGetItem(request -> request.requestItems(Map.of(table, keys))));
    }

    // TransactWriteItems and TransactGetItems

    @Test
    void transactionOf100PutsIsServed() {
        dynamo.transactWriteItems(request -> request.transactItems(transactPuts(table, 100, Map.of())));

        assertEquals(100, count(dynamo, table));
    }

    @Test
    void transactionOf101ActionsIsRejected() {
        assertRejected(
                "TransactWriteItems: 101 actions; at most 100",
                () -> dynamo.transactWriteItems(request -> request.transactItems(transactPuts(table, 101, Map.of()))));

        assertEquals(0, count(dynamo, table));
    }

    @Test
    void transactionWithTwoActionsOnOneItemIsRejected() {
        List<TransactWriteItem> actions = List.of(
                TransactWriteItem.builder()
                        .put(put -> put.tableName(table).item(key("p", "same")))
                        .build(),
                TransactWriteItem.builder()
                        .update(update -> update.tableName(table)
                                .key(key("p", "same"))
                                .updateExpression("SET n = :n")
                                .expressionAttributeValues(Map.of(":n", s("1"))))
                        .build());

        assertRejected(
                "two actions on the item", () -> dynamo.transactWriteItems(request -> request.transactItems(actions)));
    }

    @Test
    void keyAttributesOfATableAreLearnedFromCreateTable() {
        // Keyed by "id", not the default PK/SK: only a learned key schema finds that both puts write one item.
        String byId = TableNames.unique("limits-by-id");
        dynamo.createTable(request -> request.tableName(byId)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build()));
        List<TransactWriteItem> actions = List.of(
                TransactWriteItem.builder()
                        .put(put -> put.tableName(byId).item(Map.of("id", s("1"), "v", s("a"))))
                        .build(),
                TransactWriteItem.builder()
                        .put(put -> put.tableName(byId).item(Map.of("id", s("1"), "v", s("b"))))
                        .build());

        assertRejected(
                "two actions on the item {id=",
                () -> dynamo.transactWriteItems(request -> request.transactItems(actions)));
    }

    @Test
    void theDefaultKeyServesTablesNotCreatedThroughTheInterceptor() {
        AwsLimitsInterceptor limits = new AwsLimitsInterceptor(List.of("id"));
        TransactWriteItemsRequest twoPutsOnOneItem = TransactWriteItemsRequest.builder()
                .transactItems(
                        TransactWriteItem.builder()
                                .put(put -> put.tableName("elsewhere").item(Map.of("id", s("1"), "v", s("a"))))
                                .build(),
                        TransactWriteItem.builder()
                                .put(put -> put.tableName("elsewhere").item(Map.of("id", s("1"), "v", s("b"))))
                                .build())
                .build();

        DynamoDbException e = assertThrows(
                DynamoDbException.class,
                () -> limits.beforeExecution(() -> twoPutsOnOneItem, new ExecutionAttributes()));

        assertTrue(e.getMessage().contains("two actions on the item {id="), e.getMessage());
        assertEquals(1, limits.violations().size());
        assertThrows(IllegalArgumentException.class, () -> new AwsLimitsInterceptor(List.of()));
    }

    @Test
    void transactionOfTen400000ByteItemsIsServed() {
        // 4,000,000 bytes, under 4 MB (4,194,304 bytes); eleven such items are over. (400,000 rather than 409,600
        // bytes because moto refuses items over 405,000 bytes.)
        dynamo.transactWriteItems(request -> request.transactItems(transactPuts(table, 10, padding(400_000 - 6))));

        assertEquals(10, count(dynamo, table));
    }

    @Test
    void transactionOver4MbIsRejected() {
        assertRejected(
                "the aggregate size of a transaction is at most 4 MB",
                () -> dynamo.transactWriteItems(
                        request -> request.transactItems(transactPuts(table, 11, padding(400_000 - 6)))));

        assertEquals(0, count(dynamo, table));
    }

    @Test
    void transactGetOf100PassesAnd101IsRejected() {
        dynamo.transactWriteItems(request -> request.transactItems(transactPuts(table, 3, Map.of())));
        // moto serves at most 25 (AWS's limit before 2022), so 100 is checked against the interceptor alone.
        var response = dynamo.transactGetItems(request -> request.transactItems(transactGets(25)));
        assertEquals(
                3,
                response.responses().stream()
                        .filter(item -> item.hasItem() && !item.item().isEmpty())
                        .count());
        assertPassesInterceptor(TransactGetItemsRequest.builder()
                .transactItems(transactGets(100))
                .build());

        assertRejected(
                "TransactGetItems: 101 actions; at most 100",
                () -> dynamo.transactGetItems(request -> request.transactItems(transactGets(101))));
    }

    // Item size

    @Test
    void itemOf400KbPassesAndOneByteMoreIsRejectedByEveryWrite() {
        // PK=p (2 + 1 bytes), SK=s (2 + 1) and data (4 + n). moto refuses items over 405,000 bytes, so the item
        // of exactly 400 KB (409,600 bytes) is checked against the interceptor alone.
        Map<String, AttributeValue> atLimit = new HashMap<>(key("p", "s"));
        atLimit.put("data", s("x".repeat(MAX_ITEM - 10)));
        assertPassesInterceptor(
                PutItemRequest.builder().tableName(table).item(atLimit).build());

        Map<String, AttributeValue> item = new HashMap<>(key("p", "s"));
        item.put("data", s("x".repeat(MAX_ITEM - 9)));

        assertRejected(
                "is 409601 bytes; the maximum item size is 400 KB",
                () -> dynamo.putItem(request -> request.tableName(table).item(item)));
        assertRejected(
                "is 409601 bytes",
                () -> dynamo.batchWriteItem(request -> request.requestItems(Map.of(
                        table,
                        List.of(WriteRequest.builder()
                                .putRequest(put -> put.item(item))
                                .build())))));
        assertRejected(
                "is 409601 bytes",
                () -> dynamo.transactWriteItems(request -> request.transactItems(TransactWriteItem.builder()
                        .put(put -> put.tableName(table).item(item))
                        .build())));
    }

    @Test
    void listElementOverheadCountsTowardTheItemSize() {
        // 136,534 two-byte strings are 273,068 bytes of text, which moto would store; with DynamoDB's 1 byte per
        // element and 3 per list the item is 409,612 bytes.
        Map<String, AttributeValue> item = new HashMap<>(key("p", "s"));
        item.put("l", AttributeValue.fromL(Collections.nCopies(136_534, s("ab"))));

        assertRejected(
                "is 409612 bytes",
                () -> dynamo.putItem(request -> request.tableName(table).item(item)));
    }

    // Expressions and placeholders

    @Test
    void conditionExpressionOf4KbIsServedAndOneByteMoreRejected() {
        dynamo.putItem(request -> request.tableName(table)
                .item(key("p", "1"))
                .conditionExpression(padded("attribute_not_exists(PK)", 4096)));
        assertEquals(1, count(dynamo, table));

        assertRejected(
                "ConditionExpression is 4097 bytes; the maximum length of an expression is 4 KB",
                () -> dynamo.putItem(request -> request.tableName(table)
                        .item(key("p", "2"))
                        .conditionExpression(padded("attribute_not_exists(PK)", 4097))));
    }

    @Test
    void everyKindOfExpressionIsLimitedTo4Kb() {
        String tooLong = padded("PK = :p", 4097);
        Map<String, AttributeValue> values = Map.of(":p", s("p"));

        assertRejected(
                "UpdateItem: UpdateExpression is 4097 bytes",
                () -> dynamo.updateItem(request -> request.tableName(table)
                        .key(key("p", "1"))
                        .updateExpression(padded("SET n = :p", 4097))
                        .expressionAttributeValues(values)));
        assertRejected(
                "DeleteItem: ConditionExpression is 4097 bytes",
                () -> dynamo.deleteItem(request -> request.tableName(table)
                        .key(key("p", "1"))
                        .conditionExpression(tooLong)
                        .expressionAttributeValues(values)));
        assertRejected(
                "Query: KeyConditionExpression is 4097 bytes",
                () -> dynamo.query(request ->
                        request.tableName(table).keyConditionExpression(tooLong).expressionAttributeValues(values)));
        assertRejected(
                "Query: FilterExpression is 4097 bytes",
                () -> dynamo.query(request -> request.tableName(table)
                        .keyConditionExpression("PK = :p")
                        .filterExpression(padded("attribute_exists(n)", 4097))
                        .expressionAttributeValues(values)));
        assertRejected(
                "Scan: FilterExpression is 4097 bytes",
                () -> dynamo.scan(request ->
                        request.tableName(table).filterExpression(tooLong).expressionAttributeValues(values)));
        assertRejected(
                "GetItem: ProjectionExpression is 4097 bytes",
                () -> dynamo.getItem(request ->
                        request.tableName(table).key(key("p", "1")).projectionExpression(padded("PK", 4097))));
        assertRejected(
                "TransactWriteItems: ConditionExpression is 4097 bytes",
                () -> dynamo.transactWriteItems(request -> request.transactItems(TransactWriteItem.builder()
                        .conditionCheck(check -> check.tableName(table)
                                .key(key("p", "1"))
                                .conditionExpression(padded("attribute_exists(PK)", 4097)))
                        .build())));
    }

    @Test
    void placeholdersOf255BytesAreServedAnd256Rejected() {
        String name255 = "#" + "n".repeat(254);
        String value255 = ":" + "v".repeat(254);
        dynamo.putItem(request -> request.tableName(table)
                .item(key("p", "1"))
                .conditionExpression("attribute_not_exists(" + name255 + ") OR " + name255 + " <> " + value255)
                .expressionAttributeNames(Map.of(name255, "PK"))
                .expressionAttributeValues(Map.of(value255, s("x"))));
        assertEquals(1, count(dynamo, table));

        String name256 = name255 + "n";
        String value256 = value255 + "v";
        assertRejected(
                "expression attribute placeholder #nnn",
                () -> dynamo.putItem(request -> request.tableName(table)
                        .item(key("p", "2"))
                        .conditionExpression("attribute_not_exists(" + name256 + ")")
                        .expressionAttributeNames(Map.of(name256, "PK"))));
        assertRejected(
                "expression attribute placeholder :vvv",
                () -> dynamo.updateItem(request -> request.tableName(table)
                        .key(key("p", "1"))
                        .updateExpression("SET n = " + value256)
                        .expressionAttributeValues(Map.of(value256, s("x")))));
    }

    // Key values

    @Test
    void emptyKeyValuesAreRejected() {
        assertRejected(
                "the partition key PK of table " + table + " is empty",
                () -> dynamo.putItem(request -> request.tableName(table).item(key("", "s"))));
        assertRejected(
                "the sort key SK of table " + table + " is empty",
                () -> dynamo.getItem(request -> request.tableName(table).key(key("p", ""))));
        assertRejected(
                "BatchGetItem: the sort key SK",
                () -> dynamo.batchGetItem(request -> request.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder().keys(List.of(key("p", ""))).build()))));
    }

    @Test
    void partitionKeyOf2048BytesIsStoredAnd2049Rejected() {
        dynamo.putItem(request -> request.tableName(table).item(key("p".repeat(2048), "s")));
        assertEquals(1, count(dynamo, table));

        // 1,025 characters but 2,050 bytes: the limit is in UTF-8 bytes.
        assertRejected(
                "the partition key PK of table " + table + " is 2050 bytes; the maximum is 2048",
                () -> dynamo.putItem(request -> request.tableName(table).item(key("é".repeat(1025), "s"))));
        assertRejected(
                "TransactGetItems: the partition key PK of table " + table + " is 2049 bytes",
                () -> dynamo.transactGetItems(request -> request.transactItems(TransactGetItem.builder()
                        .get(get -> get.tableName(table).key(key("p".repeat(2049), "s")))
                        .build())));
    }

    @Test
    void sortKeyOf1024BytesIsStoredAnd1025Rejected() {
        dynamo.putItem(request -> request.tableName(table).item(key("p", "s".repeat(1024))));
        assertEquals(1, count(dynamo, table));

        assertRejected(
                "PutItem: the sort key SK of table " + table + " is 1025 bytes; the maximum is 1024",
                () -> dynamo.putItem(request -> request.tableName(table).item(key("p", "s".repeat(1025)))));
        assertRejected(
                "DeleteItem: the sort key SK of table " + table + " is 1025 bytes",
                () -> dynamo.deleteItem(request -> request.tableName(table).key(key("p", "s".repeat(1025)))));
        assertRejected(
                "UpdateItem: the sort key SK of table " + table + " is 1025 bytes",
                () -> dynamo.updateItem(request -> request.tableName(table)
                        .key(key("p", "s".repeat(1025)))
                        .updateExpression("SET n = :n")
                        .expressionAttributeValues(Map.of(":n", s("1")))));
    }

    // Limit

    @Test
    void queryAndScanLimitMustBeAtLeastOne() {
        dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, puts(0, 2))));

        var page = dynamo.query(request -> request.tableName(table)
                .keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))
                .limit(1));
        assertEquals(1, page.count());

        assertRejected(
                "Query: Limit is 0; it must be at least 1",
                () -> dynamo.query(request -> request.tableName(table)
                        .keyConditionExpression("PK = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .limit(0)));
        assertRejected(
                "Scan: Limit is 0; it must be at least 1",
                () -> dynamo.scan(request -> request.tableName(table).limit(0)));
    }

    // Helpers

    /** The call fails as AWS would fail it, and the interceptor recorded why; the record is then cleared. */
    private void assertRejected(String expected, Executable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call);
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(
                e.awsErrorDetails().errorMessage().contains(expected),
                () -> e.awsErrorDetails().errorMessage());
        List<String> violations = engine.limits().violations();
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(expected)), violations::toString);
        engine.limits().clear();
    }

    /** A fresh interceptor (default key PK, SK) lets the request through and records nothing. */
    private static void assertPassesInterceptor(SdkRequest request) {
        AwsLimitsInterceptor limits = new AwsLimitsInterceptor();
        limits.beforeExecution(() -> request, new ExecutionAttributes());
        assertEquals(List.of(), limits.violations());
    }

    /** Put requests for the items p/from .. p/(from + n - 1). */
    private static List<WriteRequest> puts(int from, int n) {
        return IntStream.range(from, from + n)
                .mapToObj(i -> WriteRequest.builder()
                        .putRequest(put -> put.item(key("p", Integer.toString(i))))
                        .build())
                .toList();
    }

    private static KeysAndAttributes keys(int from, int n) {
        return KeysAndAttributes.builder()
                .keys(IntStream.range(from, from + n)
                        .mapToObj(i -> key("p", Integer.toString(i)))
                        .toList())
                .build();
    }

    /** Puts of the items p/0 .. p/(n - 1), each with the extra attributes. */
    private static List<TransactWriteItem> transactPuts(String table, int n, Map<String, AttributeValue> extra) {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, AttributeValue> item = new HashMap<>(extra);
            item.putAll(key("p", Integer.toString(i)));
            actions.add(TransactWriteItem.builder()
                    .put(put -> put.tableName(table).item(item))
                    .build());
        }
        return actions;
    }

    private List<TransactGetItem> transactGets(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> TransactGetItem.builder()
                        .get(get -> get.tableName(table).key(key("p", Integer.toString(i))))
                        .build())
                .toList();
    }

    /** An attribute "data" of the given total size (name included). */
    private static Map<String, AttributeValue> padding(int bytes) {
        return Map.of("data", s("x".repeat(bytes - 4)));
    }

    /** The expression followed by spaces up to the given length in bytes. */
    private static String padded(String expression, int bytes) {
        return expression + " ".repeat(bytes - expression.length());
    }
}
