package com.kustomergateway.application.audit;

import com.kustomergateway.application.deliver.DeliveryEvents;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.Operation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Tells every observer of {@link OperationChanged} what the relay and operators did. A failing observer is logged
 * and does not disturb the delivery that told it.
 */
@ApplicationScoped
public class OperationChangeBroadcast implements DeliveryEvents {

    private static final Logger LOG = Logger.getLogger(OperationChangeBroadcast.class);

    private final Event<OperationChanged> changes;

    public OperationChangeBroadcast(Event<OperationChanged> changes) {
        this.changes = changes;
    }

    @Override
    public void accepted(Operation operation) {
        fire(new OperationChanged(OperationChanged.Cause.ACCEPTED, operation, Optional.empty()));
    }

    @Override
    public void claimed(Operation operation) {
        fire(new OperationChanged(OperationChanged.Cause.CLAIMED, operation, Optional.empty()));
    }

    @Override
    public void attempted(Operation next, DeliveryAttempt attempt) {
        fire(new OperationChanged(OperationChanged.Cause.ATTEMPTED, next, Optional.of(attempt)));
    }

    @Override
    public void held(Operation next) {
        fire(new OperationChanged(OperationChanged.Cause.HELD, next, Optional.empty()));
    }

    @Override
    public void corrected(Operation next) {
        fire(new OperationChanged(OperationChanged.Cause.CORRECTED, next, Optional.empty()));
    }

    private void fire(OperationChanged change) {
        try {
            changes.fire(change);
        } catch (RuntimeException e) {
            LOG.warnf(e, "An observer failed on %s of operation %s", change.cause(), change.operation().id());
        }
    }
}
