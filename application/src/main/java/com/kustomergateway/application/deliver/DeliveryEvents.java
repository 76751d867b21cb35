package com.kustomergateway.application.deliver;

import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.Operation;

/**
 * What happens to operations, told to whoever follows them (metrics, live subscriptions) once it is stored.
 * Called on the thread that made the change, so an implementation is quick and never throws.
 */
public interface DeliveryEvents {

    /** For a relay or use case built without followers. */
    DeliveryEvents NONE = new DeliveryEvents() {
    };

    /** A caller's change became an operation (not called for a repeated idempotency key). */
    default void accepted(Operation operation) {
    }

    /** A relay took the operation for delivery; it is {@code IN_FLIGHT}. */
    default void claimed(Operation operation) {
    }

    /** A delivery attempt ended and was recorded; {@code next} is the state it led to. */
    default void attempted(Operation next, DeliveryAttempt attempt) {
    }

    /**
     * The gateway kept a claimed operation from Kustomer (a customer's creation limit) and gave it back without an
     * attempt; {@code next} waits for its next attempt time.
     */
    default void held(Operation next) {
    }

    /** An operator retried or cancelled the operation; {@code next} is its new state. */
    default void corrected(Operation next) {
    }
}
