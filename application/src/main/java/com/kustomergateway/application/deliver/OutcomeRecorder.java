package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.OperationStore;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Records what came of a claimed operation, while this process still holds its lease, and then tells whoever
 * follows it: the log, {@link DeliveryEvents}, and the callers waiting for it. A database that is briefly away is
 * waited for, within the lease: an outcome not recorded means the operation is delivered again once its lease
 * runs out.
 */
@ApplicationScoped
public class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final OperationStore store;
    private final String owner;
    private final Clock clock;
    private final Duration lease;
    private final DeliveryEvents events;
    private final WaitingCallers waiting;
    /** Set while the relay stops: an outcome is then tried once more, not waited for. */
    private volatile boolean stopping;

    public OutcomeRecorder(OperationStore store, InstanceIdentity instance, Clock clock, RelaySettings settings,
            DeliveryEvents events, WaitingCallers waiting) {
        this.store = store;
        this.owner = instance.id();
        this.clock = clock;
        this.lease = settings.lease();
        this.events = events;
        this.waiting = waiting;
    }

    /** Records an attempt and the state it led to; returns whether it was recorded. */
    boolean record(Operation next, DeliveryAttempt attempt) {
        return recorded(next, "its outcome", () -> store.settle(next, attempt, owner));
    }

    /** Tells the log, the events' followers and the waiting callers what a recorded attempt led to. */
    void announce(Operation next, DeliveryAttempt attempt) {
        log(next);
        events.attempted(next, attempt);
        waiting.settled(next);
    }

    /**
     * Gives back an operation the gateway kept from Kustomer ({@link Operation#held}): no attempt is recorded, since
     * Kustomer saw nothing; the operation waits for its next attempt time.
     */
    void hold(Operation held, Instant now) {
        if (recorded(held, "that it was held", () -> store.hold(held, owner, now))) {
            LOG.infof("Operation %s (%s): held by the gateway (Kustomer's per-customer creation limit) until %s",
                    held.id(), held.change().kind(), held.nextAttemptAt().orElse(null));
            events.held(held);
        }
    }

    /** From now on, an outcome that cannot be recorded is given up at once. */
    void stopping(boolean stopping) {
        this.stopping = stopping;
    }

    private boolean recorded(Operation next, String what, BooleanSupplier write) {
        Instant giveUp = clock.instant().plus(lease);
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                if (write.getAsBoolean()) {
                    return true;
                }
                LOG.warnf("Operation %s: lease lost before %s was recorded; another instance owns it now", next.id(),
                        what);
                return false;
            } catch (RuntimeException e) {
                if (clock.instant().plus(pause).isAfter(giveUp) || stopping) {
                    LOG.errorf("Operation %s: could not record %s (%s); it will be delivered again once its lease "
                            + "runs out", next.id(), what, e.getMessage());
                    return false;
                }
                LOG.warnf("Operation %s: could not record %s yet (%s); retrying", next.id(), what, e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void log(Operation next) {
        switch (next.status()) {
            case DELIVERED -> LOG.infof("Operation %s (%s): delivered, Kustomer ids %s", next.id(),
                    next.change().kind(), next.remoteIds());
            case FAILED -> LOG.warnf("Operation %s (%s): failed: %s", next.id(), next.change().kind(),
                    next.lastFailure().map(DeliveryFailure::message).orElse("?"));
            default -> LOG.infof("Operation %s (%s): %s, next attempt at %s: %s", next.id(), next.change().kind(),
                    next.status(), next.nextAttemptAt().orElse(null),
                    next.lastFailure().map(DeliveryFailure::message).orElse(""));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
