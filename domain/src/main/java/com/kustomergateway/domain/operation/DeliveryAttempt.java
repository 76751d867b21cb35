package com.kustomergateway.domain.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One try at delivering an operation: when it started, how long it took, what it came to, and every request it
 * made. Attempts are never changed or deleted while their operation is kept.
 */
public record DeliveryAttempt(OperationId operationId, Instant startedAt, Duration duration, DeliveryOutcome outcome,
        List<KustomerExchange> exchanges) {

    public DeliveryAttempt {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        exchanges = List.copyOf(exchanges);
    }
}
