package com.kustomergateway.domain.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One try at delivering an operation: when it started, how long it took, what it came to, and every request it
 * made. Attempts are never changed or deleted while their operation is kept.
 *
 * @param traceId the trace (32 hex digits) the attempt's span belongs to, if it was traced: the trace the change
 *                was accepted under, or a trace of its own for an operation accepted untraced
 */
public record DeliveryAttempt(OperationId operationId, Instant startedAt, Duration duration, DeliveryOutcome outcome,
        List<KustomerExchange> exchanges, Optional<String> traceId) {

    public DeliveryAttempt {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        exchanges = List.copyOf(exchanges);
        Objects.requireNonNull(traceId, "traceId");
        if (traceId.isPresent() && !traceId.get().matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a trace id: " + traceId.get());
        }
    }
}
