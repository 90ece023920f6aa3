package com.loyaltymemberships.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.membership.WriteConflictException;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Which storage failures are a 503 with Retry-After, and after how long; a conflict or a fault is not one. */
class RetryLaterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Deadline DEADLINE = Deadline.after(CLOCK, Duration.ofSeconds(20));

    private static final RuntimeException THROTTLED = ProvisionedThroughputExceededException.builder()
            .message("throttled")
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("ProvisionedThroughputExceededException")
                    .build())
            .build();

    private static TransactionCanceledException cancelled(String code) {
        return TransactionCanceledException.builder()
                .message("cancelled")
                .cancellationReasons(CancellationReason.builder().code(code).build())
                .build();
    }

    @Test
    void throttlingIsBusy() {
        for (RuntimeException e : new RuntimeException[] {
            THROTTLED, cancelled("ThrottlingError"), cancelled("ProvisionedThroughputExceeded")
        }) {
            RetryLater.Refusal answer = RetryLater.of(e, DEADLINE).orElseThrow();
            assertTrue(answer.throttled());
            assertEquals(503, answer.error().status());
            assertEquals(
                    "The service is busy. Retry after 2 seconds.",
                    answer.error().getMessage());
            assertEquals(Map.of("Retry-After", "2"), answer.error().headers());
        }
    }

    /** Past its point of no return a write is being finished: its retry is worth making once the deadline has passed. */
    @Test
    void aThrottledWriteStillBeingFinishedIsBusyUntilItsDeadline() {
        RetryLater.Refusal answer = RetryLater.of(
                        new OutOfTimeException("storage failed after the point of no return", THROTTLED, true),
                        DEADLINE)
                .orElseThrow();
        assertTrue(answer.throttled());
        assertEquals(
                "The service is busy. Retry after 21 seconds.", answer.error().getMessage());
        assertEquals("21", answer.error().headers().get("Retry-After"));
    }

    @Test
    void outOfTimeIsStillOutOfTime() {
        RetryLater.Refusal late = RetryLater.of(new OutOfTimeException("not enough time", null, false), DEADLINE)
                .orElseThrow();
        assertFalse(late.throttled());
        assertEquals(ApiException.outOfTime(1).getMessage(), late.error().getMessage());
        RetryLater.Refusal finishing = RetryLater.of(
                        new OutOfTimeException("failed", SdkClientException.create("reset"), true), DEADLINE)
                .orElseThrow();
        assertEquals(
                "The request could not finish in time. Retry after 21 seconds.",
                finishing.error().getMessage());
        assertFalse(RetryLater.of(ApiCallTimeoutException.create(5000), DEADLINE)
                .orElseThrow()
                .throttled());
    }

    /** The brief of issue 13: a real conflict keeps its classification (re-read, then 409), a fault stays a 500. */
    @Test
    void conflictsAndFaultsAreNotForRetryLater() {
        for (RuntimeException e : new RuntimeException[] {
            cancelled("ConditionalCheckFailed"),
            cancelled("TransactionConflict"),
            new WriteConflictException("a write condition failed", cancelled("ConditionalCheckFailed")),
            SdkClientException.create("connection reset"),
            new IllegalStateException("bug")
        }) {
            assertTrue(RetryLater.of(e, DEADLINE).isEmpty(), e.toString());
        }
    }
}
