package com.kustomergateway.application.submit;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Violation;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.OperationStore;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Where a change becomes an operation the gateway owes Kustomer: one statement of the store, committed before
 * anyone is told the operation exists. It opens no transaction: the store's accept is a single INSERT, which
 * commits by itself, and a JTA transaction around it cost more of the gateway's CPU than the INSERT did (issue 12).
 */
@ApplicationScoped
public class OperationIntake {

    private final OperationStore store;

    public OperationIntake(OperationStore store) {
        this.store = store;
    }

    /**
     * Stores {@code candidate}, or returns the operation already stored under its idempotency key when that one
     * holds the same change. The same key with a different change is the caller's mistake, and stores nothing.
     */
    public Operation accept(Operation candidate) {
        Operation stored = store.acceptOnce(candidate);
        if (!stored.id().equals(candidate.id()) && !stored.change().equals(candidate.change())) {
            throw new InvalidInputException(List.of(new Violation(ErrorCode.IDEMPOTENCY_KEY_REUSED, "idempotencyKey",
                    "this idempotency key was used for a different change (operation " + stored.id() + ")")));
        }
        return stored;
    }
}
