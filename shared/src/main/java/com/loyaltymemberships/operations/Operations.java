package com.loyaltymemberships.operations;

import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.DeleteRequest;
import com.loyaltymemberships.contract.GetAllRequest;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.UpdateRequest;
import com.loyaltymemberships.pipeline.Operation;
import java.util.List;
import java.util.Optional;

/**
 * The operations of the API: the one list the local router, the checks of template.yaml, openapi.yaml and events/, the
 * SAM translation check, fuzzing and the jar sizes take them from (docs/ADDING-AN-OPERATION.md). A Lambda handler
 * needs only its own operation, so a function loads no other.
 */
public final class Operations {

    public static final Operation<GetAllRequest, MembershipsResponse> GET_ALL = new GetAllOperation();
    public static final Operation<AddRequest, MembershipsResponse> ADD = new AddOperation();
    public static final Operation<UpdateRequest, MembershipsResponse> UPDATE = new UpdateOperation();
    public static final Operation<DeleteRequest, Integer> DELETE = new DeleteOperation();

    /** Every operation, in the order the contract lists them (SPEC §1). */
    public static final List<Operation<?, ?>> ALL = List.of(GET_ALL, ADD, UPDATE, DELETE);

    private Operations() {}

    /** The operation whose name is {@code name} ({@code getAll}), if there is one. */
    public static Optional<Operation<?, ?>> named(String name) {
        return ALL.stream().filter(o -> o.operationName().equals(name)).findFirst();
    }
}
