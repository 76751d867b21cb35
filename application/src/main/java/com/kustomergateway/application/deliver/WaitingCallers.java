package com.kustomergateway.application.deliver;

import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The callers waiting for an operation to settle in this process: a caller watches before its operation exists, the
 * relay completes the watch once it records the operation delivered or failed, and the caller stops watching when
 * it has its answer (or its window ran out).
 */
@ApplicationScoped
public class WaitingCallers {

    private final Map<OperationId, CompletableFuture<Operation>> watches = new ConcurrentHashMap<>();

    /** A future completed with the operation once this process settles it (delivered or failed). */
    public CompletableFuture<Operation> watch(OperationId id) {
        return watches.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    public void unwatch(OperationId id, CompletableFuture<Operation> watch) {
        watches.remove(id, watch);
    }

    /** Tells whoever waits for {@code next} that it reached an end, if it did. */
    void settled(Operation next) {
        if (next.isSettled()) {
            CompletableFuture<Operation> watch = watches.get(next.id());
            if (watch != null) {
                watch.complete(next);
            }
        }
    }
}
