package com.loyaltymemberships.acceptance;

import com.loyaltymemberships.dynamodb.TableDefinition;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records the IAM actions behind every DynamoDB call (a transaction's actions one by one, as IAM checks them), whether a
 * Query used an index, and each UpdateItem's partition and attribute names, which IAM conditions can restrict.
 */
final class ActionRecorder implements ExecutionInterceptor {

    /** An UpdateItem as IAM sees it: the key's partition and every attribute name it uses, the key's included. */
    record Update(String partition, Set<String> attributes) {}

    final Set<String> actions = ConcurrentHashMap.newKeySet();
    final Set<Update> updates = ConcurrentHashMap.newKeySet();
    volatile boolean queriedIndex;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(this::record);
            return;
        }
        actions.add("dynamodb:" + context.request().getClass().getSimpleName().replace("Request", ""));
        if (context.request() instanceof QueryRequest query && query.indexName() != null) {
            queriedIndex = true;
        }
        if (context.request() instanceof UpdateItemRequest update) {
            recordUpdate(update.key(), update.expressionAttributeNames());
        }
    }

    private void record(TransactWriteItem item) {
        if (item.update() != null) {
            actions.add("dynamodb:UpdateItem");
            recordUpdate(item.update().key(), item.update().expressionAttributeNames());
        } else {
            actions.add(
                    item.put() != null
                            ? "dynamodb:PutItem"
                            : item.delete() != null ? "dynamodb:DeleteItem" : "dynamodb:ConditionCheckItem");
        }
    }

    private void recordUpdate(Map<String, AttributeValue> key, Map<String, String> names) {
        Set<String> used = new TreeSet<>(key.keySet());
        used.addAll(names.values());
        updates.add(new Update(key.get(TableDefinition.PK).s(), used));
    }

    void reset() {
        actions.clear();
        updates.clear();
        queriedIndex = false;
    }
}
