package com.loyaltymemberships.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent DynamoDB calls side by side (a getAll over many chains or filter values needs one
 * Query per partition). A fixed pool of daemon threads, created once per JVM, bounds the concurrency.
 */
public final class Fanout {

    private final ExecutorService executor;

    public Fanout(int threads) {
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-fanout");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code task} applied to every input, results in input order; the first failure is rethrown. */
    public <T, R> List<R> map(List<T> inputs, Function<T, R> task) {
        if (inputs.size() <= 1) {
            return inputs.stream().map(task).toList();
        }
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(executor.submit(() -> task.apply(input)));
        }
        List<R> results = new ArrayList<>(inputs.size());
        try {
            for (Future<R> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            // Calls already sent finish on their own; interrupting one halfway would leave its connection half written.
            futures.forEach(f -> f.cancel(false));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }
}
