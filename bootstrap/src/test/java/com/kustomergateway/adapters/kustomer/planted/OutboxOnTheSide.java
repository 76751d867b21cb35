package com.kustomergateway.adapters.kustomer.planted;

import com.kustomergateway.domain.port.OperationStore;

/**
 * The Kustomer adapter keeping operations of its own, to show the architecture rules catch an outbox outside the
 * persistence adapter. Test code only; abstract, so it is no bean of the test application.
 */
public abstract class OutboxOnTheSide implements OperationStore {
}
