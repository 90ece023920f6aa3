package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;

/**
 * One operation of the API, whole: its path, how its body binds to its request record, its validation, the service call
 * that answers it, how that answer is sent, and the request priming sends before a SnapStart snapshot. The pipeline
 * ({@link LoyaltyApi}) runs every operation the same way; what differs is here. The four are listed in
 * {@code com.loyaltymemberships.operations.Operations}, the one list every router, check and tool takes them from
 * (docs/ADDING-AN-OPERATION.md).
 *
 * @param <T> the request body's record
 * @param <R> the service call's result
 */
public interface Operation<T, R> {

    String BASE_PATH = "/api/connector/v1/loyaltyMemberships/";

    /** The last segment of the path, as Mews spells it: {@code getAll}. */
    String operationName();

    default String path() {
        return BASE_PATH + operationName();
    }

    /** Reads a parsed body into the request record; a wrong JSON type anywhere is a 400 naming where. */
    T bind(JsonBody body);

    /**
     * Checks a request as the service call will (that call validates again: it is the rule). Priming runs it on
     * {@link #primingProperties()} so that the validation code is loaded in the snapshot.
     */
    void validate(T request);

    /** The service call. {@code call} says by when, and for a write sent with an Idempotency-Key, what to keep. */
    R call(MembershipService memberships, T request, Caller caller, Call<R> call);

    /** The answer to send for the call's result, given whether the client sent {@code Prefer: return=minimal}. */
    Reply reply(R result, boolean prefersMinimal);

    /** Whether a request may be sent with an Idempotency-Key (SPEC §11: every write; a read says no). */
    default boolean takesIdempotencyKey() {
        return true;
    }

    /**
     * The properties of a valid body, besides the tokens and {@code Client}, as JSON text without the braces: what priming
     * sends, under made-up tokens, before a SnapStart snapshot.
     */
    String primingProperties();

    /** The operation's name with a capital: the stem of its function, handler and log names ({@code GetAll}). */
    default String capitalized() {
        return Character.toUpperCase(operationName().charAt(0))
                + operationName().substring(1);
    }

    /** Its function's logical id in template.yaml ({@code GetAllFunction}). */
    default String functionName() {
        return capitalized() + "Function";
    }

    /** Its function's Maven module and jar name: the name in kebab case ({@code get-all}). */
    default String moduleName() {
        return operationName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Its function's deployment jar, as template.yaml's CodeUri names it, from the project's root. */
    default String jar() {
        return "functions/" + moduleName() + "/target/" + moduleName() + ".jar";
    }

    /** Its Lambda handler class, in its function module ({@code com.loyaltymemberships.functions.GetAllHandler}). */
    default String handlerClass() {
        return "com.loyaltymemberships.functions." + capitalized() + "Handler";
    }
}
