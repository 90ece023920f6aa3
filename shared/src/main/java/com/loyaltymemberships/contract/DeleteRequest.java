package com.loyaltymemberships.contract;

import java.util.List;

/** Body of {@code delete} as sent (SPEC §7). */
public record DeleteRequest(String chainId, List<String> loyaltyMembershipIds) {}
