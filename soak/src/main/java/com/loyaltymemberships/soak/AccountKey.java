package com.loyaltymemberships.soak;

import java.util.UUID;

/** An account as the primary rule sees it: at most one active primary per account and chain (SPEC §8). */
record AccountKey(UUID chain, UUID account) {}
