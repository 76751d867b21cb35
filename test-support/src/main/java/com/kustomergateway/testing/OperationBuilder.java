package com.kustomergateway.testing;

import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.TraceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An operation in whatever state a test needs it, without walking it through its lifecycle: accepted now and queued
 * unless told otherwise. What the record's own rules refuse (a settled operation with a next attempt time) is
 * refused here too.
 */
public final class OperationBuilder {

    private OperationId id = OperationId.random();
    private final Change change;
    private OperationStatus status = OperationStatus.QUEUED;
    private Optional<IdempotencyKey> key = Optional.empty();
    private Instant acceptedAt = Instant.now();
    private int failedAttempts;
    private Optional<Instant> nextAttemptAt = Optional.empty();
    private List<String> remoteIds = List.of();
    private Optional<DeliveryFailure> lastFailure = Optional.empty();
    private int claims;
    private Optional<TraceContext> traceContext = Optional.empty();

    private OperationBuilder(Change change) {
        this.change = change;
    }

    public static OperationBuilder anOperation(Change change) {
        return new OperationBuilder(change);
    }

    /** The same operation (id, change, key, acceptance, claims), to be put in another state. */
    public static OperationBuilder from(Operation operation) {
        OperationBuilder builder = new OperationBuilder(operation.change());
        builder.id = operation.id();
        builder.status = operation.status();
        builder.key = operation.idempotencyKey();
        builder.acceptedAt = operation.acceptedAt();
        builder.failedAttempts = operation.failedAttempts();
        builder.nextAttemptAt = operation.nextAttemptAt();
        builder.remoteIds = operation.remoteIds();
        builder.lastFailure = operation.lastFailure();
        builder.claims = operation.claims();
        builder.traceContext = operation.traceContext();
        return builder;
    }

    public OperationBuilder acceptedAt(Instant instant) {
        this.acceptedAt = instant;
        return this;
    }

    public OperationBuilder status(OperationStatus status) {
        this.status = status;
        return this;
    }

    /** Waiting for its next try at {@code next}, after {@code failures} failed ones. */
    public OperationBuilder retrying(int failures, Instant next) {
        this.status = OperationStatus.RETRYING;
        this.failedAttempts = failures;
        this.nextAttemptAt = Optional.of(next);
        this.remoteIds = List.of();
        this.lastFailure = Optional.empty();
        return this;
    }

    /** Failed for good after {@code attempts} tries, the last with {@code failure}. */
    public OperationBuilder failed(int attempts, DeliveryFailure failure) {
        this.status = OperationStatus.FAILED;
        this.failedAttempts = attempts;
        this.lastFailure = Optional.of(failure);
        return this;
    }

    public OperationBuilder claims(int claims) {
        this.claims = claims;
        return this;
    }

    public Operation build() {
        // Pending: due at its next attempt, or at once; settled: never again.
        Optional<Instant> next = !status.isPending() ? Optional.empty()
                : nextAttemptAt.isPresent() ? nextAttemptAt : Optional.of(acceptedAt);
        return new Operation(id, change, status, key, acceptedAt, failedAttempts, next, remoteIds, lastFailure,
                claims, traceContext);
    }
}
