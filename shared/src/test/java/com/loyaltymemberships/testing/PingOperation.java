package com.loyaltymemberships.testing;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.JsonFields;
import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Reply;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The trivial operation docs/ADDING-AN-OPERATION.md walks through: {@code POST .../ping} answers {@code {}} to any
 * authenticated caller; its one optional property, {@code Echo}, must be a string of at most 100 characters. Tests add it to the list of operations to prove that everything that lists them sees a new one
 * (AddingAnOperationTest); it is in no deployed list.
 */
public final class PingOperation implements Operation<PingOperation.Request, Integer> {

    public static final PingOperation PING = new PingOperation();

    /** Its request, besides the tokens and Client (which the pipeline reads itself). */
    public record Request(Optional<String> echo) {}

    private PingOperation() {}

    /** The operations of the API with this one added, as a newcomer's change to Operations.ALL would make them. */
    public static List<Operation<?, ?>> withPing(List<Operation<?, ?>> operations) {
        return Stream.concat(operations.stream(), Stream.of(PING)).toList();
    }

    @Override
    public String operationName() {
        return "ping";
    }

    @Override
    public Request bind(JsonBody body) {
        String echo = null;
        for (JsonFields.Field field : body.fields().fields()) {
            if (field.key().equals("echo")) {
                echo = field.read("Echo", JsonFields.STRING);
            }
        }
        return new Request(Optional.ofNullable(echo));
    }

    @Override
    public void validate(Request request) {
        if (request.echo().filter(echo -> echo.length() > 100).isPresent()) {
            throw ApiException.invalid(JsonPath.of("Echo"), "at most 100 characters are allowed");
        }
    }

    @Override
    public Integer call(MembershipService memberships, Request request, Caller caller, Call<Integer> call) {
        validate(request); // a real operation's service method validates (MembershipService, RequestValidator)
        return 0;
    }

    @Override
    public Reply reply(Integer result, boolean prefersMinimal) {
        return Reply.emptyObject(result);
    }

    @Override
    public boolean takesIdempotencyKey() {
        return false;
    }

    @Override
    public String primingProperties() {
        return "\"Echo\": \"priming\"";
    }
}
