package com.kustomergateway.application.submit;

import com.kustomergateway.application.deliver.DeliveryEvents;
import com.kustomergateway.application.deliver.DeliveryRelay;
import com.kustomergateway.application.deliver.OperationTraces;
import com.kustomergateway.application.deliver.WaitingCallers;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.OperationStore;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a caller does: asks for a change in Kustomer. The change is stored as an operation (the promise that it will
 * reach Kustomer or fail visibly), the relay is woken, and the caller waits a short while for the outcome so that
 * the common case answers with Kustomer's ids.
 */
@ApplicationScoped
public class SubmitChange {

    private final OperationIntake intake;
    private final DeliveryRelay relay;
    private final WaitingCallers waiting;
    private final OperationStore store;
    private final Clock clock;
    private final Duration awaitWindow;
    private final DeliveryEvents events;
    private final OperationTraces traces;

    public SubmitChange(OperationIntake intake, DeliveryRelay relay, WaitingCallers waiting,
            OperationStore store, Clock clock, SubmitSettings settings, DeliveryEvents events, OperationTraces traces) {
        this.intake = intake;
        this.relay = relay;
        this.waiting = waiting;
        this.store = store;
        this.clock = clock;
        this.awaitWindow = settings.awaitWindow();
        this.events = events;
        this.traces = traces;
    }

    /**
     * Accepts the change and returns its operation as it stands when delivery finished or the await window ran
     * out, whichever came first. A repeated idempotency key returns the operation accepted the first time.
     */
    public Operation submit(Change change, Optional<IdempotencyKey> key) {
        OperationId id = OperationId.random();
        // Watch before the operation exists, so that a delivery faster than this thread is not missed.
        CompletableFuture<Operation> settled = waiting.watch(id);
        try {
            Operation accepted = traces.accepting(id, change, context -> intake.accept(
                    Operation.accept(id, change, key, clock.instant()).acceptedUnder(context)));
            if (!accepted.id().equals(id)) {
                return accepted;
            }
            events.accepted(accepted);
            relay.wake();
            return awaitOutcome(accepted, settled);
        } finally {
            waiting.unwatch(id, settled);
        }
    }

    private Operation awaitOutcome(Operation accepted, CompletableFuture<Operation> settled) {
        if (awaitWindow.isZero() || awaitWindow.isNegative()) {
            return accepted;
        }
        try {
            return settled.get(awaitWindow.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Another instance may have delivered it, or it waits for a retry: the store knows.
            return store.find(accepted.id()).orElse(accepted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return accepted;
        } catch (ExecutionException e) {
            return store.find(accepted.id()).orElse(accepted);
        }
    }
}
