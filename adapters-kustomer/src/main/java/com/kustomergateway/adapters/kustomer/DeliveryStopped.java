package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.operation.DeliveryOutcome;

/**
 * Ends a delivery early with its outcome, from however deep in a multi-request delivery the reason turned up.
 * Not an error: it carries no stack trace.
 */
final class DeliveryStopped extends Exception {

    private final transient DeliveryOutcome outcome;

    DeliveryStopped(DeliveryOutcome outcome) {
        super(null, null, false, false);
        this.outcome = outcome;
    }

    DeliveryOutcome outcome() {
        return outcome;
    }
}
