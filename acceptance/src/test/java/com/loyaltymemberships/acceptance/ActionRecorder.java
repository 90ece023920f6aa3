package com.loyaltymemberships.acceptance;

import com.loyaltymemberships.dynamodb.TableDefinition;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Records the IAM actions behind every DynamoDB call, and whether a Query used an index. */
final class ActionRecorder implements ExecutionInterceptor {
    final Set<String> actions = ConcurrentHashMap.newKeySet();
    final Set<String> updatedPartitions = ConcurrentHashMap.newKeySet();
    /** The attribute names an UpdateItem's expressions use (the key's included, as IAM's dynamodb:Attributes counts them). */
    final Set<String> updatedAttributes = ConcurrentHashMap.newKeySet();
    volatile boolean queriedIndex;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(item -> actions.add(item.put() != null ? "dynamodb:PutItem"
                    : item.delete() != null ? "dynamodb:DeleteItem" : item.update() != null ? "dynamodb:UpdateItem" : "dynamodb:ConditionCheckItem"));
            return;
        }
        String name = context.request().getClass().getSimpleName().replace("Request", "");
        actions.add("dynamodb:" + name);
        if (context.request() instanceof QueryRequest query && query.indexName() != null) {
            queriedIndex = true;
        }
        if (context.request() instanceof UpdateItemRequest update) {
            updatedPartitions.add(update.key().get(TableDefinition.PK).s());
            updatedAttributes.addAll(update.key().keySet());
            updatedAttributes.addAll(update.expressionAttributeNames().values());
        }
    }

    void reset() {
        actions.clear();
        updatedPartitions.clear();
        updatedAttributes.clear();
        queriedIndex = false;
    }
}
