package com.loyaltymemberships.access;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.validation.RequestValidator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, once both tokens check out: the access token (by hash, never in clear) and the
 * chains it may act on (SPEC §2). A single-enterprise token has exactly one chain.
 */
public record Caller(String accessTokenHash, List<UUID> chainIds, boolean portfolio) {

    public Caller {
        chainIds = List.copyOf(chainIds);
        if (chainIds.isEmpty()) {
            throw new IllegalArgumentException("an access token covers at least one chain");
        }
    }

    /** The chains a read covers: those asked for, each within scope, or else all of them. */
    public Set<UUID> readScope(List<UUID> requested) {
        if (requested.isEmpty()) {
            return new LinkedHashSet<>(chainIds);
        }
        for (int i = 0; i < requested.size(); i++) {
            if (!chainIds.contains(requested.get(i))) {
                throw ApiException.invalid(
                        JsonPath.of("ChainIds").index(i), "the chain is not in the access token's scope");
            }
        }
        return new LinkedHashSet<>(requested);
    }

    /** The chain a write acts on: required and in scope with a portfolio token, the token's own chain otherwise. */
    public UUID writeChain(String chainId) {
        if (!portfolio) {
            return chainIds.get(0);
        }
        JsonPath path = JsonPath.of("ChainId");
        if (chainId == null) {
            throw ApiException.invalid(path, "a portfolio access token needs the ChainId to write to");
        }
        UUID chain = RequestValidator.guid(chainId, path);
        if (!chainIds.contains(chain)) {
            throw ApiException.invalid(path, "the chain is not in the access token's scope");
        }
        return chain;
    }
}
