package com.kustomergateway.application.audit;

import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.Operation;

import java.util.Objects;
import java.util.Optional;

/**
 * A CDI event: an operation changed, and was stored so. Observers (metrics, live subscriptions) run on the thread
 * that made the change, so they are quick.
 *
 * @param attempt the attempt that led to the change, for {@link Cause#ATTEMPTED}
 */
public record OperationChanged(Cause cause, Operation operation, Optional<DeliveryAttempt> attempt) {

    public enum Cause { ACCEPTED, CLAIMED, ATTEMPTED, HELD, CORRECTED }

    public OperationChanged {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(attempt, "attempt");
    }
}
