package com.loyaltymemberships.contract;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The Mews error body: all three properties, always. */
@JsonPropertyOrder({"Message", "RequestId", "Details"})
public record ErrorBody(String message, String requestId, Object details) {}
