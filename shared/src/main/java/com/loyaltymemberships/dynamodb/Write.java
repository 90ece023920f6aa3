package com.loyaltymemberships.dynamodb;

import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;

/**
 * One conditional write and the conditional write that takes it back. Both conditions name the exact state
 * each side expects, so an undo never overwrites what another request wrote in between.
 */
record Write(Action apply, Action undo) {

    /** One action of a transaction; {@code key} names the item it writes, for logs. */
    record Action(String key, Consumer<TransactWriteItemsEnhancedRequest.Builder> addTo) {}
}
