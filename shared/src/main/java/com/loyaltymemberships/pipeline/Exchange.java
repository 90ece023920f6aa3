package com.loyaltymemberships.pipeline;

import com.loyaltymemberships.time.Deadline;

/**
 * One request on its way through the pipeline: which operation it is for, the id it is answered and logged under, and
 * the time it has to finish in.
 */
record Exchange<T, R>(Operation<T, R> operation, String requestId, Deadline deadline) {}
