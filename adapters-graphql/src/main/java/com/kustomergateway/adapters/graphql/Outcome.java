package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationStatus;

/** What every mutation result says of its operation, read once from the operation. */
record Outcome(boolean success, String operationId, OperationStatus status, DeliveryError failure) {

    /** {@code success} is never true for an operation Kustomer rejected or an operator cancelled. */
    static Outcome of(Operation operation) {
        OperationStatus status = operation.status();
        return new Outcome(status != OperationStatus.FAILED && status != OperationStatus.CANCELLED,
                operation.id().toString(), status, operation.lastFailure().map(DeliveryError::of).orElse(null));
    }

    /** Kustomer's id of the first thing the operation created, or "" while there is none (as the seed says). */
    static String firstRemoteId(Operation operation) {
        return operation.remoteIds().isEmpty() ? "" : operation.remoteIds().get(0);
    }
}
