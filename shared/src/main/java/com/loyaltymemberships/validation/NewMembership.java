package com.loyaltymemberships.validation;

import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.contract.MembershipState;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One validated item of an add request; {@code at} is where it sits in the request, for error messages. */
public record NewMembership(
        JsonPath at,
        UUID accountId,
        UUID loyaltyProgramId,
        boolean primary,
        MembershipState state,
        Optional<String> membershipNumber,
        Optional<Integer> points,
        Optional<Instant> expirationDate,
        Optional<String> url,
        Optional<UUID> loyaltyTierId) {}
