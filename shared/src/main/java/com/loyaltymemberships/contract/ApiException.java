package com.loyaltymemberships.contract;

import java.util.Map;

/**
 * A request that ends with a Mews-style error body. The message is shown to the client, so it never
 * carries a token, a stack trace or an internal detail.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /**
     * {@code 400 Invalid {Property}}: names the property and, when it differs, where it sits
     * (an array index or a nested object), then why.
     */
    public static ApiException invalid(JsonPath path, String reason) {
        String where = path.isTopLevel() ? "" : " at " + path;
        return new ApiException(400, "Invalid " + path.property() + where + ": " + reason + ".");
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "Invalid or missing ClientToken or AccessToken.");
    }

    public static ApiException notFound() {
        return new ApiException(
                404,
                "Not found: the loyalty membership operations are POST requests to"
                        + " /api/connector/v1/loyaltyMemberships/{getAll,add,update,delete}.");
    }

    public static ApiException conflict() {
        return new ApiException(
                409, "The data changed while the request was processed. Retrying the request may succeed.");
    }

    /** SPEC §11: the first request with this Idempotency-Key still runs. */
    public static ApiException stillRunning(long retryAfterSeconds) {
        return new ApiException(
                409,
                "A request with this Idempotency-Key is still running. Retry after " + retryAfterSeconds + " seconds.",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** The request ran out of time before it could finish; nothing of it is left half done. */
    public static ApiException outOfTime(long retryAfterSeconds) {
        return unavailable("The request could not finish in time.", retryAfterSeconds);
    }

    /** Storage throttled the request (over its capacity); nothing of it is left half done. */
    public static ApiException busy(long retryAfterSeconds) {
        return unavailable("The service is busy.", retryAfterSeconds);
    }

    /** A 503 with Retry-After: the same request may succeed after that many seconds. */
    private static ApiException unavailable(String why, long retryAfterSeconds) {
        return new ApiException(
                503,
                why + " Retry after " + retryAfterSeconds + " seconds.",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "The request body is larger than " + limit + " bytes.");
    }

    public static ApiException tooManyRequests(long retryAfterSeconds, int limit, int windowSeconds) {
        return new ApiException(
                429,
                "Too many requests: at most " + limit + " requests per access token in " + windowSeconds
                        + " seconds. Retry after " + retryAfterSeconds + " seconds.",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiException unexpected() {
        return new ApiException(500, "An unexpected error occurred.");
    }
}
