package com.loyaltymemberships.contract;

/** The Mews error body: all three properties, always. */
public record ErrorBody(String message, String requestId, Object details) {}
