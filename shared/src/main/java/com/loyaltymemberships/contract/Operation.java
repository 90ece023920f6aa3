package com.loyaltymemberships.contract;
/** The four operations and their exact paths (SPEC §1). */
public enum Operation {
    GET_ALL("getAll"),
    ADD("add"),
    UPDATE("update"),
    DELETE("delete");

    public static final String BASE_PATH = "/api/connector/v1/loyaltyMemberships/";

    private final String operationName;

    Operation(String operationName) {
        this.operationName = operationName;
    }

    public String operationName() {
        return operationName;
    }

    public String path() {
        return BASE_PATH + operationName;
    }
}
