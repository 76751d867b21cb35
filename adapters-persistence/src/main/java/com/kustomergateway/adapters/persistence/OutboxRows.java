package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.TraceContext;

import java.time.Duration;
import java.util.Optional;

/**
 * Rows of the outbox's tables as domain objects: one mapping for the store that delivers operations and the history
 * that shows them. Rows never leave this package.
 */
final class OutboxRows {

    private final OutboxJson json;

    OutboxRows(OutboxJson json) {
        this.json = json;
    }

    Operation operation(OperationRow row) {
        Optional<DeliveryFailure> failure = row.lastFailureCode == null ? Optional.empty()
                : Optional.of(new DeliveryFailure(Optional.ofNullable(row.lastFailureStatus), row.lastFailureCode,
                        row.lastFailureMessage));
        return new Operation(new OperationId(row.id), json.toChange(row.payload), OperationStatus.valueOf(row.status),
                Optional.ofNullable(row.idempotencyKey).map(IdempotencyKey::new), row.acceptedAt, row.failedAttempts,
                Optional.ofNullable(row.nextAttemptAt), json.toIds(row.remoteIds), failure, row.claims,
                Optional.ofNullable(row.traceParent)
                        .map(parent -> new TraceContext(parent, Optional.ofNullable(row.traceState))));
    }

    DeliveryAttempt attempt(AttemptRow row) {
        return new DeliveryAttempt(new OperationId(row.operationId), row.startedAt,
                Duration.ofMillis(row.durationMs), outcome(row), json.toExchanges(row.exchanges),
                Optional.ofNullable(row.traceId));
    }

    private DeliveryOutcome outcome(AttemptRow row) {
        if (row.outcome.equals("DELIVERED")) {
            return new DeliveryOutcome.Delivered(json.toIds(row.remoteIds));
        }
        DeliveryFailure failure = new DeliveryFailure(Optional.ofNullable(row.httpStatus), row.errorCode,
                row.errorMessage);
        return switch (row.outcome) {
            case "REJECTED" -> new DeliveryOutcome.Rejected(failure);
            case "TRANSIENT" -> new DeliveryOutcome.Transient(failure, Optional.ofNullable(row.notBefore));
            case "RATE_LIMITED" -> new DeliveryOutcome.RateLimited(failure, row.notBefore);
            case "CREDENTIALS_REJECTED" -> new DeliveryOutcome.CredentialsRejected(failure);
            default -> throw new IllegalStateException("unknown delivery outcome " + row.outcome);
        };
    }

    static String outcomeName(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered) {
            return "DELIVERED";
        }
        if (outcome instanceof DeliveryOutcome.Rejected) {
            return "REJECTED";
        }
        if (outcome instanceof DeliveryOutcome.Transient) {
            return "TRANSIENT";
        }
        if (outcome instanceof DeliveryOutcome.RateLimited) {
            return "RATE_LIMITED";
        }
        return "CREDENTIALS_REJECTED";
    }
}
