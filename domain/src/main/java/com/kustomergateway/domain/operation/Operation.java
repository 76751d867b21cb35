package com.kustomergateway.domain.operation;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.change.Change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change the gateway has accepted and owes Kustomer, with where its delivery stands. Instances never change;
 * each step of the lifecycle returns the next state.
 *
 * @param failedAttempts tries that failed in a way that counts against the retry limit (rate limits and refused
 *                       credentials do not: they are no fault of the operation)
 * @param nextAttemptAt  when the operation may next be tried; empty once it is settled
 * @param remoteIds      ids Kustomer gave what it created, in order; empty until delivered
 * @param lastFailure    why the latest try did not succeed, if it did not
 * @param claims         how often a relay has taken the operation for delivery; more than one means an earlier try
 *                       may have reached Kustomer without its outcome being recorded (a crash, a lost lease)
 * @param traceContext   the trace the change was accepted under, if the caller's request was traced; each
 *                       delivery attempt continues it
 */
public record Operation(OperationId id, Change change, OperationStatus status,
        Optional<IdempotencyKey> idempotencyKey, Instant acceptedAt, int failedAttempts,
        Optional<Instant> nextAttemptAt, List<String> remoteIds, Optional<DeliveryFailure> lastFailure, int claims,
        Optional<TraceContext> traceContext) {

    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(traceContext, "traceContext");
        remoteIds = List.copyOf(remoteIds);
        if (status.isPending() != nextAttemptAt.isPresent()) {
            throw new IllegalArgumentException("a pending operation, and only one, has a next attempt time");
        }
    }

    /** A change just accepted: queued for delivery at once. */
    public static Operation accept(OperationId id, Change change, Optional<IdempotencyKey> key, Instant now) {
        return new Operation(id, change, OperationStatus.QUEUED, key, now, 0, Optional.of(now), List.of(),
                Optional.empty(), 0, Optional.empty());
    }

    /** This operation, accepted under {@code context} (the caller's trace, or the gateway's span within it). */
    public Operation acceptedUnder(Optional<TraceContext> context) {
        return new Operation(id, change, status, idempotencyKey, acceptedAt, failedAttempts, nextAttemptAt, remoteIds,
                lastFailure, claims, context);
    }

    /**
     * The {@code externalId} Kustomer stores with what this operation creates; stable across retries, so that a
     * retry after an ambiguous failure can find what the first try made.
     */
    public String externalId() {
        return "kgw-" + id;
    }

    /** The {@code externalId} of the {@code index}-th object (from 0) that this operation creates. */
    public String externalId(int index) {
        return externalId() + "-" + index;
    }

    /** The state after a relay has taken the operation for delivery. */
    public Operation claimed() {
        return new Operation(id, change, OperationStatus.IN_FLIGHT, idempotencyKey, acceptedAt, failedAttempts,
                nextAttemptAt, remoteIds, lastFailure, claims + 1, traceContext);
    }

    /**
     * Whether an earlier try may have made the change in Kustomer already: the operation failed before, or was
     * claimed before and that claim never recorded an outcome. Such a delivery looks before it creates.
     */
    public boolean mayHaveReachedKustomer() {
        return failedAttempts > 0 || claims > 1;
    }

    /** The state a delivery outcome leads to, under {@code policy}, at {@code now}. */
    public Operation settle(DeliveryOutcome outcome, RetryPolicy policy, Instant now) {
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            return next(OperationStatus.DELIVERED, failedAttempts, Optional.empty(), delivered.remoteIds(),
                    Optional.empty());
        }
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            return next(OperationStatus.FAILED, failedAttempts + 1, Optional.empty(), remoteIds,
                    Optional.of(rejected.failure()));
        }
        if (outcome instanceof DeliveryOutcome.Transient failed) {
            int failures = failedAttempts + 1;
            if (!policy.allowsAnotherAttempt(failures)) {
                return next(OperationStatus.FAILED, failures, Optional.empty(), remoteIds,
                        Optional.of(failed.failure()));
            }
            Instant backoff = now.plus(policy.backoff(failures));
            Instant at = failed.notBefore().filter(backoff::isBefore).orElse(backoff);
            return next(OperationStatus.RETRYING, failures, Optional.of(at), remoteIds, Optional.of(failed.failure()));
        }
        if (outcome instanceof DeliveryOutcome.RateLimited limited) {
            return next(OperationStatus.RETRYING, failedAttempts, Optional.of(limited.until()), remoteIds,
                    Optional.of(limited.failure()));
        }
        DeliveryOutcome.CredentialsRejected refused = (DeliveryOutcome.CredentialsRejected) outcome;
        return next(OperationStatus.RETRYING, failedAttempts, Optional.of(now), remoteIds,
                Optional.of(refused.failure()));
    }

    /**
     * The state after the gateway kept a claimed operation from Kustomer without sending anything (a customer's
     * creation limit): waiting again, due at {@code until}. No attempt was made, so none is counted and no failure
     * is recorded; and the claim is given back, so that its next delivery does not look in Kustomer for what this
     * claim never sent. Waiting is {@code QUEUED} for an operation never tried, {@code RETRYING} otherwise.
     */
    public Operation held(Instant until) {
        if (status != OperationStatus.IN_FLIGHT) {
            throw new IllegalStateException("operation " + id + " is " + status + "; only one in flight can be held");
        }
        OperationStatus waiting = failedAttempts == 0 && lastFailure.isEmpty() ? OperationStatus.QUEUED
                : OperationStatus.RETRYING;
        return new Operation(id, change, waiting, idempotencyKey, acceptedAt, failedAttempts, Optional.of(until),
                remoteIds, lastFailure, claims - 1, traceContext);
    }

    /**
     * The state after an operator asks for a {@code FAILED} operation to be delivered again: queued at {@code now},
     * with a fresh retry budget. Its attempts, last failure and claims stay: the claims are what tell its next
     * delivery that an earlier try may have reached Kustomer (see {@link #mayHaveReachedKustomer()}).
     */
    public Operation retried(Instant now) {
        if (status != OperationStatus.FAILED) {
            throw new InvalidInputException(ErrorCode.OPERATION_NOT_RETRYABLE, "operation " + id + " is " + status
                    + "; only a FAILED operation can be retried");
        }
        return next(OperationStatus.QUEUED, 0, Optional.of(now), remoteIds, lastFailure);
    }

    /** The state after an operator withdraws an operation that has not been sent yet, or waits for a retry. */
    public Operation cancelled() {
        if (status != OperationStatus.QUEUED && status != OperationStatus.RETRYING) {
            throw new InvalidInputException(ErrorCode.OPERATION_NOT_CANCELLABLE, "operation " + id + " is " + status
                    + "; only a QUEUED or RETRYING operation can be cancelled");
        }
        return next(OperationStatus.CANCELLED, failedAttempts, Optional.empty(), remoteIds, lastFailure);
    }

    private Operation next(OperationStatus status, int failures, Optional<Instant> nextAttempt, List<String> ids,
            Optional<DeliveryFailure> failure) {
        return new Operation(id, change, status, idempotencyKey, acceptedAt, failures, nextAttempt, ids, failure,
                claims, traceContext);
    }

    public boolean isSettled() {
        return !status.isPending();
    }
}
