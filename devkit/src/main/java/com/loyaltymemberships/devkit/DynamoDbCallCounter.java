package com.loyaltymemberships.devkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts what each DynamoDB call costs, as the service's client makes it: one {@link CountedCall} per request that got an
 * answer (a retried attempt is not a new request of ours; an error answer is recorded too, with nothing read), with
 * the items it read (what DynamoDB charges reads for: a Query's or Scan's ScannedCount, every key a BatchGetItem
 * processed, the one item a GetItem or an UpdateItem reads), the items it returned, the items it wrote, and the
 * capacity DynamoDB reports. With {@code askForCapacity}, every request that can is sent with
 * {@code ReturnConsumedCapacity=TOTAL} (which changes nothing else); engines that don't report it leave it empty.
 *
 * <p>Put it on the client the service uses ({@code overrideConfiguration(c -> c.addExecutionInterceptor(counter))}),
 * then {@link #drain()} after each API call. Thread-safe (getAll runs Queries side by side).
 */
public final class DynamoDbCallCounter implements ExecutionInterceptor {

    private static final Pattern EQUALITY = Pattern.compile("(?<![<>!])=\\s*(:[A-Za-z0-9_]+)");

    /**
     * One DynamoDB request.
     *
     * @param operation     e.g. {@code Query}, {@code BatchGetItem}, {@code TransactWriteItems}
     * @param target        the partition key value of a single-item request, the index and partition key value of a
     *                      Query ({@code ByChain 3fa8…#A#7}), else empty
     * @param itemsRead     items DynamoDB read (and charges reads for)
     * @param itemsReturned items in the answer
     * @param itemsWritten  items put, updated or deleted (an UpdateItem counts 1 read and 1 write)
     * @param capacityUnits consumed capacity as the engine reported it, if it did
     * @param failed        the request was answered with an error (a failed condition, say)
     */
    public record CountedCall(
            String operation,
            String target,
            int itemsRead,
            int itemsReturned,
            int itemsWritten,
            Optional<Double> capacityUnits,
            boolean failed) {}

    /** The sum of some calls. */
    public record Totals(
            int requests,
            Map<String, Long> byOperation,
            int itemsRead,
            int itemsReturned,
            int itemsWritten,
            Optional<Double> capacityUnits) {

        public static Totals of(Collection<CountedCall> calls) {
            Map<String, Long> byOperation = calls.stream()
                    .collect(Collectors.groupingBy(
                            CountedCall::operation, java.util.TreeMap::new, Collectors.counting()));
            boolean anyCapacity = calls.stream().anyMatch(c -> c.capacityUnits().isPresent());
            return new Totals(
                    calls.size(),
                    byOperation,
                    calls.stream().mapToInt(CountedCall::itemsRead).sum(),
                    calls.stream().mapToInt(CountedCall::itemsReturned).sum(),
                    calls.stream().mapToInt(CountedCall::itemsWritten).sum(),
                    anyCapacity
                            ? Optional.of(calls.stream()
                                    .mapToDouble(c -> c.capacityUnits().orElse(0.0))
                                    .sum())
                            : Optional.empty());
        }

        /** e.g. {@code 1 UpdateItem + 1 Query}. */
        public String requestsText() {
            return byOperation.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(" + "));
        }
    }

    private final boolean askForCapacity;
    private final Recorded<CountedCall> calls = new Recorded<>();

    /** Counts, asking for consumed capacity. */
    public DynamoDbCallCounter() {
        this(true);
    }

    public DynamoDbCallCounter(boolean askForCapacity) {
        this.askForCapacity = askForCapacity;
    }

    /** The calls since the last drain, in the order they were answered, and forgets them. */
    public List<CountedCall> drain() {
        return calls.drain();
    }

    /** The calls since the last drain, without forgetting them. */
    public List<CountedCall> calls() {
        return calls.all();
    }

    private void record(CountedCall call) {
        calls.add(call);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!askForCapacity) {
            return context.request();
        }
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactGetItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        Object response = context.response();
        String operation = operation(request);
        if (request instanceof QueryRequest q && response instanceof QueryResponse r) {
            record(new CountedCall(
                    operation,
                    ((q.indexName() == null ? "" : q.indexName() + " ") + partition(q)).trim(),
                    r.scannedCount(),
                    r.count(),
                    0,
                    units(r.consumedCapacity()),
                    false));
        } else if (request instanceof ScanRequest s && response instanceof ScanResponse r) {
            record(new CountedCall(
                    operation,
                    s.indexName() == null ? "" : s.indexName(),
                    r.scannedCount(),
                    r.count(),
                    0,
                    units(r.consumedCapacity()),
                    false));
        } else if (request instanceof GetItemRequest g && response instanceof GetItemResponse r) {
            record(new CountedCall(
                    operation,
                    partition(g.key()),
                    1,
                    r.hasItem() && !r.item().isEmpty() ? 1 : 0,
                    0,
                    units(r.consumedCapacity()),
                    false));
        } else if (request instanceof BatchGetItemRequest b && response instanceof BatchGetItemResponse r) {
            int asked = b.requestItems().values().stream()
                    .mapToInt(k -> k.keys().size())
                    .sum();
            int unprocessed = r.unprocessedKeys().values().stream()
                    .mapToInt(k -> k.keys().size())
                    .sum();
            int returned = r.responses().values().stream().mapToInt(List::size).sum();
            record(new CountedCall(
                    operation, "", asked - unprocessed, returned, 0, units(r.consumedCapacity()), false));
        } else if (request instanceof UpdateItemRequest u && response instanceof UpdateItemResponse r) {
            record(new CountedCall(
                    operation,
                    partition(u.key()),
                    1,
                    r.hasAttributes() && !r.attributes().isEmpty() ? 1 : 0,
                    1,
                    units(r.consumedCapacity()),
                    false));
        } else if (request instanceof TransactWriteItemsRequest t && response instanceof TransactWriteItemsResponse r) {
            record(new CountedCall(operation, "", 0, 0, t.transactItems().size(), units(r.consumedCapacity()), false));
        } else if (request instanceof TransactGetItemsRequest t && response instanceof TransactGetItemsResponse r) {
            record(new CountedCall(
                    operation,
                    "",
                    t.transactItems().size(),
                    (int) r.responses().stream()
                            .filter(i -> i.hasItem() && !i.item().isEmpty())
                            .count(),
                    0,
                    units(r.consumedCapacity()),
                    false));
        } else if (request instanceof PutItemRequest p && response instanceof PutItemResponse r) {
            record(new CountedCall(operation, partition(p.item()), 0, 0, 1, units(r.consumedCapacity()), false));
        } else if (request instanceof DeleteItemRequest d && response instanceof DeleteItemResponse r) {
            record(new CountedCall(operation, partition(d.key()), 0, 0, 1, units(r.consumedCapacity()), false));
        } else if (request instanceof BatchWriteItemRequest b && response instanceof BatchWriteItemResponse r) {
            int asked = b.requestItems().values().stream().mapToInt(List::size).sum();
            int unprocessed =
                    r.unprocessedItems().values().stream().mapToInt(List::size).sum();
            record(new CountedCall(operation, "", 0, 0, asked - unprocessed, units(r.consumedCapacity()), false));
        } else {
            record(new CountedCall(operation, "", 0, 0, 0, Optional.empty(), false));
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // Answered with an error (a failed condition, a cancelled transaction): a request all the same.
        if (context.httpResponse().isPresent()) {
            SdkRequest request = context.request();
            String target = request instanceof UpdateItemRequest u ? partition(u.key()) : "";
            record(new CountedCall(operation(request), target, 0, 0, 0, Optional.empty(), true));
        }
    }

    /** The operation a request is for, e.g. {@code TransactWriteItems}. */
    static String operation(SdkRequest request) {
        return request.getClass().getSimpleName().replace("Request", "");
    }

    /** The partition key value a Query reads: the value its key condition's first {@code =} compares with. */
    private static String partition(QueryRequest query) {
        Matcher equality = EQUALITY.matcher(query.keyConditionExpression());
        if (!equality.find() || !query.hasExpressionAttributeValues()) {
            return "";
        }
        AttributeValue value = query.expressionAttributeValues().get(equality.group(1));
        return value == null || value.s() == null ? "" : value.s();
    }

    private static String partition(Map<String, AttributeValue> key) {
        AttributeValue pk = key == null ? null : key.get("PK");
        return pk == null || pk.s() == null ? "" : pk.s();
    }

    private static Optional<Double> units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null
                ? Optional.empty()
                : Optional.of(capacity.capacityUnits());
    }

    private static Optional<Double> units(List<ConsumedCapacity> capacities) {
        if (capacities == null || capacities.isEmpty()) {
            return Optional.empty();
        }
        return capacities.stream()
                .map(DynamoDbCallCounter::units)
                .flatMap(Optional::stream)
                .reduce(Double::sum);
    }
}
