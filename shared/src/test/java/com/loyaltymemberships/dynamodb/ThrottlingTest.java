package com.loyaltymemberships.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.time.OutOfTimeException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Throttling is told apart from a conflict: capacity errors and capacity cancellations are throttling (503), while the
 * cancellations that mean the data changed (ConditionalCheckFailed, TransactionConflict) stay conflicts (re-read, then
 * 409), whatever else a transaction's reasons say.
 */
class ThrottlingTest {

    /** A cancelled transaction as DynamoDB answers it: one reason per action, in order. */
    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + Arrays.toString(codes))
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("TransactionCanceledException")
                        .serviceName("DynamoDb")
                        .build())
                .cancellationReasons(Arrays.stream(codes)
                        .map(code -> CancellationReason.builder().code(code).build())
                        .toList())
                .build();
    }

    private static AwsErrorDetails code(String errorCode) {
        return AwsErrorDetails.builder()
                .errorCode(errorCode)
                .serviceName("DynamoDb")
                .build();
    }

    @Test
    void conflictsStayConflicts() {
        for (TransactionCanceledException conflict : List.of(
                cancelled("ConditionalCheckFailed"),
                cancelled("None", "TransactionConflict"),
                cancelled("None", "ConditionalCheckFailed", "None"),
                cancelled("ConditionalCheckFailed", "TransactionConflict"))) {
            assertTrue(Transactions.isConflict(conflict), conflict.getMessage());
            assertFalse(Throttling.isThrottling(conflict), conflict.getMessage());
            assertEquals(List.of(), Throttling.reasons(conflict));
        }
        assertFalse(Throttling.isThrottling(ConditionalCheckFailedException.builder()
                .message("The conditional request failed")
                .statusCode(400)
                .awsErrorDetails(code("ConditionalCheckFailedException"))
                .build()));
        assertFalse(Throttling.isThrottling(TransactionConflictException.builder()
                .message("Transaction is ongoing for the item")
                .statusCode(400)
                .awsErrorDetails(code("TransactionConflictException"))
                .build()));
    }

    @Test
    void aTransactionCancelledForCapacityIsThrottlingNotAConflict() {
        for (String reason : List.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded")) {
            TransactionCanceledException throttled = cancelled("None", reason, "None");
            assertFalse(Transactions.isConflict(throttled), reason);
            assertTrue(Throttling.isThrottling(throttled), reason);
            assertEquals(List.of(reason), Throttling.reasons(throttled));
        }
    }

    /** Re-reading is needed anyway when data changed; if capacity is still short, the next attempt is throttled as such. */
    @Test
    void aConflictAmongCapacityReasonsIsAConflict() {
        TransactionCanceledException both = cancelled("ThrottlingError", "ConditionalCheckFailed");
        assertTrue(Transactions.isConflict(both));
        assertFalse(Throttling.isThrottling(both));
    }

    @Test
    void otherCancellationsAreNeither() {
        for (TransactionCanceledException other : List.of(
                cancelled("None", "ValidationError"),
                cancelled("ItemCollectionSizeLimitExceeded"),
                TransactionCanceledException.builder().message("no reasons").build())) {
            assertFalse(Transactions.isConflict(other), other.getMessage());
            assertFalse(Throttling.isThrottling(other), other.getMessage());
        }
    }

    @Test
    void capacityErrorsAreThrottlingWithOrWithoutTheirErrorDetails() {
        List<RuntimeException> throttled = List.of(
                ProvisionedThroughputExceededException.builder()
                        .message("The level of configured provisioned throughput for the table was exceeded.")
                        .statusCode(400)
                        .awsErrorDetails(code("ProvisionedThroughputExceededException"))
                        .build(),
                ProvisionedThroughputExceededException.builder()
                        .message("built bare")
                        .build(),
                RequestLimitExceededException.builder()
                        .message("Throughput exceeds the current throughput limit for your account.")
                        .statusCode(400)
                        .awsErrorDetails(code("RequestLimitExceeded"))
                        .build(),
                RequestLimitExceededException.builder().message("built bare").build(),
                ThrottlingException.builder()
                        .message("Rate of requests exceeds the allowed throughput.")
                        .statusCode(400)
                        .awsErrorDetails(code("ThrottlingException"))
                        .build(),
                ThrottlingException.builder().message("built bare").build(),
                new CapacityExceededException("BatchGetItem left keys unprocessed after 8 attempts"));
        for (RuntimeException e : throttled) {
            assertTrue(Throttling.isThrottling(e), e.toString());
            assertFalse(Throttling.reasons(e).isEmpty(), e.toString());
        }
    }

    /** What a call ends with once the SDK's retries are spent: the last attempt's error, which the SDK itself calls throttling. */
    @Test
    void whatTheSdkClassifiesAsThrottlingIsThrottling() {
        AwsServiceException tooMany = DynamoDbException.builder()
                .message("Too Many Requests")
                .statusCode(429)
                .build();
        assertTrue(tooMany.isThrottlingException());
        assertTrue(Throttling.isThrottling(tooMany));
        AwsServiceException slowDown = DynamoDbException.builder()
                .message("slow down")
                .statusCode(400)
                .awsErrorDetails(code("Throttling"))
                .build();
        assertTrue(Throttling.isThrottling(slowDown));
        assertEquals(List.of("Throttling"), Throttling.reasons(slowDown));
    }

    @Test
    void theReasonsDynamoDbGivesAreTheLogsReasons() {
        ProvisionedThroughputExceededException capped = ProvisionedThroughputExceededException.builder()
                .message("Throughput exceeds the maximum")
                .statusCode(400)
                .awsErrorDetails(code("ProvisionedThroughputExceededException"))
                .throttlingReasons(ThrottlingReason.builder()
                        .reason("TableWriteMaxOnDemandThroughputExceeded")
                        .resource("arn:aws:dynamodb:us-east-1:123456789012:table/LoyaltyMemberships")
                        .build())
                .build();
        assertEquals(List.of("TableWriteMaxOnDemandThroughputExceeded"), Throttling.reasons(capped));
        assertEquals(
                List.of("ProvisionedThroughputExceededException"),
                Throttling.reasons(ProvisionedThroughputExceededException.builder()
                        .message("x")
                        .statusCode(400)
                        .awsErrorDetails(code("ProvisionedThroughputExceededException"))
                        .build()));
    }

    /** A write stopped past its point of no return carries the storage failure as its cause. */
    @Test
    void aThrottlingCauseIsThrottling() {
        RuntimeException cause = cancelled("None", "ThrottlingError");
        assertTrue(Throttling.isThrottling(
                new OutOfTimeException("storage failed after the point of no return", cause, true)));
        assertFalse(Throttling.isThrottling(new OutOfTimeException("not enough time left", null, false)));
        assertFalse(Throttling.isThrottling(
                new OutOfTimeException("storage failed", SdkClientException.create("connection reset"), true)));
    }

    @Test
    void faultsAreNotThrottling() {
        for (RuntimeException fault : List.of(
                SdkClientException.create("Unable to execute HTTP request"),
                new IllegalStateException("bug"),
                InternalServerErrorException.builder()
                        .message("Internal server error")
                        .statusCode(500)
                        .awsErrorDetails(code("InternalServerError"))
                        .build(),
                DynamoDbException.builder()
                        .message("ValidationException")
                        .statusCode(400)
                        .awsErrorDetails(code("ValidationException"))
                        .build())) {
            assertFalse(Throttling.isThrottling(fault), fault.toString());
            assertEquals(List.of(), Throttling.reasons(fault));
        }
    }
}
