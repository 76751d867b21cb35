package com.kustomergateway.domain.operation;

/**
 * Where an operation stands. {@code QUEUED → IN_FLIGHT → DELIVERED}, or {@code → RETRYING → IN_FLIGHT …}, or
 * {@code → FAILED}; {@code CANCELLED} by an operator.
 */
public enum OperationStatus {
    QUEUED,
    IN_FLIGHT,
    RETRYING,
    DELIVERED,
    FAILED,
    CANCELLED;

    /** Whether the operation still has a delivery ahead of it (and so holds back later ones on its resource). */
    public boolean isPending() {
        return this == QUEUED || this == IN_FLIGHT || this == RETRYING;
    }

    /**
     * Whether an operation may be purged once old enough. A failed one is kept until an operator resolves it
     * (retries it, or accepts the failure by leaving it); pending ones are still owed to Kustomer.
     */
    public boolean isPurgeable() {
        return this == DELIVERED || this == CANCELLED;
    }
}
