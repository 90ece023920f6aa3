package com.loyaltymemberships.changes;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * One record of the table's change stream, as far as events need it: its sequence number (what a partial batch
 * response names) and the item's images before and after (empty when there is none).
 */
public record StreamRecord(
        String sequenceNumber, Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {

    /** A record as DynamoDB Streams gives it (GetRecords, or a Lambda event turned into the SDK's model). */
    public static StreamRecord of(Record record) {
        return new StreamRecord(
                record.dynamodb().sequenceNumber(),
                record.dynamodb().oldImage(),
                record.dynamodb().newImage());
    }
}
