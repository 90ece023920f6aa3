package com.loyaltymemberships.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One conditional write and the conditional write that takes it back. Both conditions name the exact
 * version each side expects, so an undo never overwrites what another request wrote in between.
 */
record Write(TransactWriteItem apply, TransactWriteItem undo) {}
