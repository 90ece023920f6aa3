package com.loyaltymemberships.acceptance;

import java.util.List;
import java.util.function.IntFunction;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB's throttling answers, each as the SDK makes it from DynamoDB's response (status 400, the error code in its
 * AwsErrorDetails, DynamoDB's message), built with the SDK's own builders: what a test injects where DynamoDB would
 * answer one. The cancelled transactions are for TransactWriteItems only.
 */
enum Throttle {
    PROVISIONED_THROUGHPUT_EXCEEDED(
            false,
            n -> ProvisionedThroughputExceededException.builder()
                    .message(
                            "Throughput exceeds the maximum on-demand throughput configured for the table (injected at call "
                                    + n + ")")
                    .statusCode(400)
                    .awsErrorDetails(details("ProvisionedThroughputExceededException"))
                    .throttlingReasons(ThrottlingReason.builder()
                            .reason("TableWriteMaxOnDemandThroughputExceeded")
                            .resource("arn:aws:dynamodb:us-east-1:000000000000:table/acceptance")
                            .build())
                    .build()),
    REQUEST_LIMIT_EXCEEDED(
            false,
            n -> RequestLimitExceededException.builder()
                    .message("Throughput exceeds the current throughput limit for your account (injected at call " + n
                            + ")")
                    .statusCode(400)
                    .awsErrorDetails(details("RequestLimitExceeded"))
                    .build()),
    THROTTLING_EXCEPTION(
            false,
            n -> ThrottlingException.builder()
                    .message("Rate of requests exceeds the allowed throughput (injected at call " + n + ")")
                    .statusCode(400)
                    .awsErrorDetails(details("ThrottlingException"))
                    .build()),
    CANCELLED_THROTTLING_ERROR(true, n -> cancelled(n, "ThrottlingError")),
    CANCELLED_PROVISIONED_THROUGHPUT_EXCEEDED(true, n -> cancelled(n, "ProvisionedThroughputExceeded"));

    /** The kinds any call may get, and those of a transaction (whose own answer is a cancellation). */
    static final List<Throttle> ANY_CALL =
            List.of(PROVISIONED_THROUGHPUT_EXCEEDED, REQUEST_LIMIT_EXCEEDED, THROTTLING_EXCEPTION);

    static final List<Throttle> TRANSACTION = List.of(
            CANCELLED_THROTTLING_ERROR, CANCELLED_PROVISIONED_THROUGHPUT_EXCEEDED, PROVISIONED_THROUGHPUT_EXCEEDED);

    private final boolean transactionOnly;
    private final IntFunction<RuntimeException> exception;

    Throttle(boolean transactionOnly, IntFunction<RuntimeException> exception) {
        this.transactionOnly = transactionOnly;
        this.exception = exception;
    }

    /** The exception, for the n-th call (the number goes into its message). */
    IntFunction<RuntimeException> exception() {
        return exception;
    }

    boolean transactionOnly() {
        return transactionOnly;
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(code)
                .serviceName("DynamoDb")
                .build();
    }

    /** DynamoDB's cancellation: a reason per action, the first one throttled and the rest not evaluated. */
    private static TransactionCanceledException cancelled(int n, String reason) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons [" + reason
                        + ", None] (injected at call " + n + ")")
                .statusCode(400)
                .awsErrorDetails(details("TransactionCanceledException"))
                .cancellationReasons(
                        CancellationReason.builder()
                                .code(reason)
                                .message("Throughput exceeds the current capacity")
                                .build(),
                        CancellationReason.builder().code("None").build())
                .build();
    }
}
