package com.loyaltymemberships.devkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Fails every request that AWS DynamoDB would reject for breaking one of its documented limits, before it is sent,
 * with the 400 ValidationException AWS answers. Local engines (moto in particular) accept some of these requests,
 * so without this a test could pass locally with code that fails in AWS.
 *
 * <p>Checked: BatchWriteItem at most 25 requests across tables and no two on one item; BatchGetItem at most 100 keys
 * and no duplicate key in a table; TransactWriteItems at most 100 actions, no two on one item and at most 4 MB in
 * all; TransactGetItems at most 100; items at most 400 KB; expressions at most 4 KB; expression attribute name and
 * value placeholders at most 255 bytes; string and binary key values not empty, partition keys at most 2048 bytes
 * and sort keys at most 1024 bytes; Query and Scan Limit at least 1.
 *
 * <p>Key attributes of a table are learned from the successful CreateTable calls that pass through this interceptor;
 * for other tables a default (partition key, then sort key) is assumed. Every violation is also
 * recorded, so a test can fail even when the code under test swallowed the exception.
 */
public final class AwsLimitsInterceptor implements ExecutionInterceptor {
    private static final int MAX_BATCH_WRITE_REQUESTS = 25;
    private static final int MAX_BATCH_GET_KEYS = 100;
    private static final int MAX_TRANSACTION_ACTIONS = 100;
    private static final long MAX_ITEM_BYTES = 400 * 1024;
    private static final long MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
    private static final long MAX_EXPRESSION_BYTES = 4 * 1024;
    private static final long MAX_PLACEHOLDER_BYTES = 255;
    private static final long MAX_PARTITION_KEY_BYTES = 2048;
    private static final long MAX_SORT_KEY_BYTES = 1024;

    private final List<String> defaultKeyAttributes;
    private final Map<String, List<String>> keyAttributesByTable = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    /** Assumes tables keyed by {@code PK} (partition) and {@code SK} (sort) until their key schema is seen. */
    public AwsLimitsInterceptor() {
        this(List.of("PK", "SK"));
    }

    /**
     * @param defaultKeyAttributes the partition key attribute name, then the sort key attribute name if tables have
     *     one; used for tables whose CreateTable this interceptor has not seen
     */
    public AwsLimitsInterceptor(List<String> defaultKeyAttributes) {
        if (defaultKeyAttributes.isEmpty() || defaultKeyAttributes.size() > 2) {
            throw new IllegalArgumentException(
                    "A key has a partition key and at most one sort key: " + defaultKeyAttributes);
        }
        this.defaultKeyAttributes = List.copyOf(defaultKeyAttributes);
    }

    /** The violations recorded since the last {@link #clear()}, oldest first. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public void clear() {
        violations.clear();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        SdkRequest request = context.request();
        Check check = new Check(request.getClass().getSimpleName().replaceFirst("Request$", ""));
        if (request instanceof PutItemRequest put) {
            check.item(put.tableName(), put.item());
            check.expressions(
                    put.expressionAttributeNames(),
                    put.expressionAttributeValues(),
                    "ConditionExpression",
                    put.conditionExpression());
        } else if (request instanceof UpdateItemRequest update) {
            check.key(update.tableName(), update.key());
            check.expressions(
                    update.expressionAttributeNames(),
                    update.expressionAttributeValues(),
                    "UpdateExpression",
                    update.updateExpression(),
                    "ConditionExpression",
                    update.conditionExpression());
        } else if (request instanceof DeleteItemRequest delete) {
            check.key(delete.tableName(), delete.key());
            check.expressions(
                    delete.expressionAttributeNames(),
                    delete.expressionAttributeValues(),
                    "ConditionExpression",
                    delete.conditionExpression());
        } else if (request instanceof GetItemRequest get) {
            check.key(get.tableName(), get.key());
            check.expressions(
                    get.expressionAttributeNames(), Map.of(), "ProjectionExpression", get.projectionExpression());
        } else if (request instanceof QueryRequest query) {
            check.limit(query.limit());
            check.expressions(
                    query.expressionAttributeNames(),
                    query.expressionAttributeValues(),
                    "KeyConditionExpression",
                    query.keyConditionExpression(),
                    "FilterExpression",
                    query.filterExpression(),
                    "ProjectionExpression",
                    query.projectionExpression());
        } else if (request instanceof ScanRequest scan) {
            check.limit(scan.limit());
            check.expressions(
                    scan.expressionAttributeNames(),
                    scan.expressionAttributeValues(),
                    "FilterExpression",
                    scan.filterExpression(),
                    "ProjectionExpression",
                    scan.projectionExpression());
        } else if (request instanceof BatchWriteItemRequest batch) {
            check.batchWrite(batch.requestItems());
        } else if (request instanceof BatchGetItemRequest batch) {
            check.batchGet(batch.requestItems());
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            check.transactWrite(transaction.transactItems());
        } else if (request instanceof TransactGetItemsRequest transaction) {
            check.transactGet(transaction.transactItems());
        }
        if (!check.found.isEmpty()) {
            violations.addAll(check.found);
            String message = String.join("; ", check.found);
            throw DynamoDbException.builder()
                    .message(message)
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ValidationException")
                            .errorMessage(message)
                            .serviceName("DynamoDb")
                            .build())
                    .build();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof CreateTableRequest create) {
            // DynamoDB requires the partition (HASH) key first, as in defaultKeyAttributes.
            keyAttributesByTable.put(
                    create.tableName(),
                    create.keySchema().stream()
                            .map(KeySchemaElement::attributeName)
                            .toList());
        }
    }

    private List<String> keyAttributes(String table) {
        return keyAttributesByTable.getOrDefault(table, defaultKeyAttributes);
    }

    /** One item of one table, to find two requests or actions on the same item. */
    private record ItemId(String table, Map<String, AttributeValue> key) {}

    /** The violations found in one request. */
    private final class Check {
        private final String operation;
        private final List<String> found = new ArrayList<>();

        Check(String operation) {
            this.operation = operation;
        }

        private void violation(String message) {
            found.add(operation + ": " + message);
        }

        void limit(Integer limit) {
            if (limit != null && limit < 1) {
                violation("Limit is " + limit + "; it must be at least 1");
            }
        }

        /** Checks the placeholders, then each (parameter name, expression) pair; absent expressions are null. */
        void expressions(
                Map<String, String> names, Map<String, AttributeValue> values, String... parametersAndExpressions) {
            Stream.concat(names.keySet().stream(), values.keySet().stream())
                    .filter(placeholder -> ItemSize.utf8(placeholder) > MAX_PLACEHOLDER_BYTES)
                    .forEach(placeholder -> violation("expression attribute placeholder " + abbreviate(placeholder)
                            + " is " + ItemSize.utf8(placeholder) + " bytes; the maximum is " + MAX_PLACEHOLDER_BYTES
                            + " bytes"));
            for (int i = 0; i < parametersAndExpressions.length; i += 2) {
                String expression = parametersAndExpressions[i + 1];
                if (expression != null && ItemSize.utf8(expression) > MAX_EXPRESSION_BYTES) {
                    violation(parametersAndExpressions[i] + " is " + ItemSize.utf8(expression)
                            + " bytes; the maximum length of an expression is 4 KB (" + MAX_EXPRESSION_BYTES
                            + " bytes)");
                }
            }
        }

        /** Checks an item to be written and returns its size. */
        long item(String table, Map<String, AttributeValue> item) {
            long size = ItemSize.of(item);
            if (size > MAX_ITEM_BYTES) {
                violation("an item for table " + table + " is " + size + " bytes; the maximum item size is 400 KB ("
                        + MAX_ITEM_BYTES + " bytes)");
            }
            List<String> keyAttributes = keyAttributes(table);
            for (int i = 0; i < keyAttributes.size(); i++) {
                AttributeValue value = item.get(keyAttributes.get(i));
                if (value != null) {
                    keyValue(table, keyAttributes.get(i), value, i == 0);
                }
            }
            return size;
        }

        void key(String table, Map<String, AttributeValue> key) {
            // Any name but the known sort key gets the partition key's larger limit: when the table's schema is
            // unknown that never rejects a legal key.
            List<String> keyAttributes = keyAttributes(table);
            key.forEach((name, value) -> keyValue(
                    table,
                    name,
                    value,
                    keyAttributes.size() < 2 || !keyAttributes.get(1).equals(name)));
        }

        private void keyValue(String table, String name, AttributeValue value, boolean partitionKey) {
            long size;
            if (value.s() != null) {
                size = ItemSize.utf8(value.s());
            } else if (value.b() != null) {
                size = value.b().asByteArrayUnsafe().length;
            } else {
                return; // A number key has at most 38 digits, well within both limits.
            }
            String role = partitionKey ? "partition key" : "sort key";
            long max = partitionKey ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
            if (size == 0) {
                violation("the " + role + " " + name + " of table " + table
                        + " is empty; a key attribute value cannot be empty");
            } else if (size > max) {
                violation("the " + role + " " + name + " of table " + table + " is " + size + " bytes; the maximum is "
                        + max + " bytes");
            }
        }

        void batchWrite(Map<String, List<WriteRequest>> requestItems) {
            int requests = requestItems.values().stream().mapToInt(List::size).sum();
            if (requests > MAX_BATCH_WRITE_REQUESTS) {
                violation(requests + " write requests; at most " + MAX_BATCH_WRITE_REQUESTS
                        + " are allowed in total across tables");
            }
            Set<ItemId> seen = new HashSet<>();
            requestItems.forEach((table, writes) -> {
                for (WriteRequest write : writes) {
                    Map<String, AttributeValue> key = null;
                    if (write.putRequest() != null) {
                        item(table, write.putRequest().item());
                        key = keyOf(table, write.putRequest().item());
                    } else if (write.deleteRequest() != null) {
                        key(table, write.deleteRequest().key());
                        key = write.deleteRequest().key();
                    }
                    if (key != null && !seen.add(new ItemId(table, key))) {
                        violation("two requests on the item " + describe(key) + " of table " + table
                                + "; the item keys of a batch must not contain duplicates");
                    }
                }
            });
        }

        void batchGet(Map<String, KeysAndAttributes> requestItems) {
            int keys = requestItems.values().stream()
                    .mapToInt(request -> request.keys().size())
                    .sum();
            if (keys > MAX_BATCH_GET_KEYS) {
                violation(keys + " keys; at most " + MAX_BATCH_GET_KEYS + " are allowed in total across tables");
            }
            requestItems.forEach((table, request) -> {
                Set<Map<String, AttributeValue>> seen = new HashSet<>();
                for (Map<String, AttributeValue> key : request.keys()) {
                    key(table, key);
                    if (!seen.add(key)) {
                        violation("the key " + describe(key) + " of table " + table
                                + " is requested twice; the keys of a table must not contain duplicates");
                    }
                }
                expressions(
                        request.expressionAttributeNames(),
                        Map.of(),
                        "ProjectionExpression",
                        request.projectionExpression());
            });
        }

        void transactWrite(List<TransactWriteItem> actions) {
            if (actions.size() > MAX_TRANSACTION_ACTIONS) {
                violation(actions.size() + " actions; at most " + MAX_TRANSACTION_ACTIONS + " are allowed");
            }
            Set<ItemId> seen = new HashSet<>();
            long bytes = 0;
            for (TransactWriteItem action : actions) {
                String table;
                Map<String, AttributeValue> key;
                if (action.put() != null) {
                    Put put = action.put();
                    table = put.tableName();
                    bytes += item(table, put.item());
                    key = keyOf(table, put.item());
                    expressions(
                            put.expressionAttributeNames(),
                            put.expressionAttributeValues(),
                            "ConditionExpression",
                            put.conditionExpression());
                } else if (action.update() != null) {
                    Update update = action.update();
                    table = update.tableName();
                    key = update.key();
                    bytes += transactionKey(table, key);
                    expressions(
                            update.expressionAttributeNames(),
                            update.expressionAttributeValues(),
                            "UpdateExpression",
                            update.updateExpression(),
                            "ConditionExpression",
                            update.conditionExpression());
                } else if (action.delete() != null) {
                    Delete delete = action.delete();
                    table = delete.tableName();
                    key = delete.key();
                    bytes += transactionKey(table, key);
                    expressions(
                            delete.expressionAttributeNames(),
                            delete.expressionAttributeValues(),
                            "ConditionExpression",
                            delete.conditionExpression());
                } else if (action.conditionCheck() != null) {
                    ConditionCheck conditionCheck = action.conditionCheck();
                    table = conditionCheck.tableName();
                    key = conditionCheck.key();
                    bytes += transactionKey(table, key);
                    expressions(
                            conditionCheck.expressionAttributeNames(),
                            conditionCheck.expressionAttributeValues(),
                            "ConditionExpression",
                            conditionCheck.conditionExpression());
                } else {
                    continue;
                }
                if (key != null && !seen.add(new ItemId(table, key))) {
                    violation("two actions on the item " + describe(key) + " of table " + table
                            + "; a transaction cannot include multiple operations on one item");
                }
            }
            if (bytes > MAX_TRANSACTION_BYTES) {
                violation(
                        "the items add up to " + bytes + " bytes; the aggregate size of a transaction is at most 4 MB ("
                                + MAX_TRANSACTION_BYTES + " bytes)");
            }
        }

        /** Checks the key of an Update, Delete or ConditionCheck and returns what it adds to the transaction size. */
        private long transactionKey(String table, Map<String, AttributeValue> key) {
            key(table, key);
            return ItemSize.of(key);
        }

        void transactGet(List<TransactGetItem> actions) {
            if (actions.size() > MAX_TRANSACTION_ACTIONS) {
                violation(actions.size() + " actions; at most " + MAX_TRANSACTION_ACTIONS + " are allowed");
            }
            for (TransactGetItem action : actions) {
                Get get = action.get();
                if (get != null) {
                    key(get.tableName(), get.key());
                    expressions(
                            get.expressionAttributeNames(),
                            Map.of(),
                            "ProjectionExpression",
                            get.projectionExpression());
                }
            }
        }

        /** The key attributes of an item to be written, or null when it lacks one (then it cannot be compared). */
        private Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (String name : keyAttributes(table)) {
                if (!item.containsKey(name)) {
                    return null;
                }
                key.put(name, item.get(name));
            }
            return key;
        }
    }

    private static String describe(Map<String, AttributeValue> key) {
        return key.entrySet().stream()
                .map(attribute -> attribute.getKey() + "=" + abbreviate(String.valueOf(attribute.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
