package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.CustomerCreationLimit;
import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.RetryPolicy;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.domain.port.OperationStore;

import io.opentelemetry.api.trace.SpanContext;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivers one claimed operation, on a worker thread and outside any transaction: calls Kustomer, records the attempt,
 * and shares what the outcome means for every instance. An operation that would exceed a customer's creation limit
 * is not sent: the gateway holds it until the customer's window has room, which is no attempt, since Kustomer sees
 * nothing of it.
 */
@ApplicationScoped
public class OperationDelivery {

    private static final Logger LOG = Logger.getLogger(OperationDelivery.class);

    private final KustomerPort kustomer;
    private final OperationStore store;
    private final CustomerCreationLimit creationLimit;
    private final RateGate rateGate;
    private final RetryPolicy retryPolicy;
    private final Pauses pauses;
    private final OutcomeRecorder outcomes;
    private final OperationTraces traces;
    private final Clock clock;
    private final String owner;

    public OperationDelivery(KustomerPort kustomer, OperationStore store, CustomerCreationLimit creationLimit,
            RateGate rateGate, RetryPolicy retryPolicy, Pauses pauses, OutcomeRecorder outcomes, OperationTraces traces, Clock clock,
            InstanceIdentity instance) {
        this.kustomer = kustomer;
        this.store = store;
        this.creationLimit = creationLimit;
        this.rateGate = rateGate;
        this.retryPolicy = retryPolicy;
        this.pauses = pauses;
        this.outcomes = outcomes;
        this.traces = traces;
        this.clock = clock;
        this.owner = instance.id();
    }

    /** Delivers {@code operation}, which the claim {@code claim} took (linked from its span). */
    void deliver(Operation operation, SpanContext claim) {
        // Every line logged while delivering, here or in the Kustomer adapter, names its operation (and, traced,
        // the attempt's trace and span ids).
        MDC.put("operationId", operation.id().toString());
        try {
            Instant now = clock.instant();
            Optional<Instant> heldUntil = creationLimit.reserve(operation, now);
            if (heldUntil.isPresent()) {
                outcomes.hold(operation.held(heldUntil.get()), now);
                return;
            }
            try (OperationTraces.Attempt trace = traces.attempt(operation, claim)) {
                attempt(operation, trace);
            }
        } finally {
            MDC.remove("operationId");
        }
    }

    private void attempt(Operation operation, OperationTraces.Attempt trace) {
        Instant started = clock.instant();
        KustomerPort.Delivery delivery;
        try {
            delivery = kustomer.deliver(operation, store.journal(operation.id(), owner));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Operation %s: delivery failed unexpectedly", operation.id());
            delivery = new KustomerPort.Delivery(new DeliveryOutcome.Transient(
                    DeliveryFailure.network("gateway_error", "the gateway failed while delivering: " + e),
                    Optional.empty()), List.of());
        }
        Instant finished = clock.instant();
        shareQuietly("the time its creations were sent", () -> creationLimit.sent(operation, finished));
        DeliveryOutcome outcome = delivery.outcome();
        Operation next = operation.settle(outcome, retryPolicy, finished);
        DeliveryAttempt attempt = new DeliveryAttempt(operation.id(), started, Duration.between(started, finished),
                outcome, delivery.exchanges(), trace.traceId());
        trace.outcome(outcome);
        pauses.noticing(outcome);
        boolean recorded = outcomes.record(next, attempt);
        // After the record, so that whoever sees the relay paused also finds the operation waiting.
        KustomerPort.Delivery answered = delivery;
        shareQuietly("what its outcome means for every instance", () -> {
            rateGate.heed(answered, "operation " + operation.id())
                    .ifPresent(until -> traces.paused("rate limit", finished, until));
            pauses.learnFrom(operation, outcome, finished)
                    .ifPresent(pause -> traces.paused(pause.what(), finished, pause.until()));
        });
        if (recorded) {
            outcomes.announce(next, attempt);
        }
    }

    /**
     * Tells the other instances something; a database that is away must not keep the outcome from being recorded
     * (Kustomer's next answer teaches the same again).
     */
    private static void shareQuietly(String what, Runnable share) {
        try {
            share.run();
        } catch (RuntimeException e) {
            LOG.warnf("Could not share %s with the other instances: %s", what, e.getMessage());
        }
    }
}
