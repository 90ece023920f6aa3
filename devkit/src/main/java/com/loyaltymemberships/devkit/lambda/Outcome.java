package com.loyaltymemberships.devkit.lambda;
/** How one invocation ended, as the Lambda service would tell its caller. */
public sealed interface Outcome {

    /** The function answered: the payload the runtime posted to {@code /invocation/{id}/response}. */
    record Response(String payload) implements Outcome {}

    /**
     * The runtime reported an error, of the invocation ({@code /invocation/{id}/error}) or of the function's
     * initialisation ({@code /init/error}): its {@code Lambda-Runtime-Function-Error-Type} and error JSON.
     */
    record Failure(String errorType, String payload) implements Outcome {}

    /** Nothing came back: the function's JVM exited, or the time ran out. */
    record NoAnswer(String reason) implements Outcome {}
}
