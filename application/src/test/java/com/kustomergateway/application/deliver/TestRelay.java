package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.CustomerCreationLimit;
import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.application.pacing.PacingSettings;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.operation.RetryPolicy;
import com.kustomergateway.domain.port.DeliveryCoordination;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.domain.port.OperationStore;

import java.time.Clock;
import java.time.Duration;

/**
 * A relay wired from test values as CDI wires it, through each collaborator's one constructor, with the callers'
 * waiting place it settles operations into.
 */
public record TestRelay(DeliveryRelay relay, WaitingCallers waiting) {

    /** Kustomer's limits out of the way: a request budget no test spends, and the real per-customer window. */
    public static final PacingSettings GENEROUS = new PacingSettings(60_000, Duration.ofMinutes(1), 120,
            Duration.ofMinutes(1));
    /** Short backoffs with a fixed jitter. */
    public static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100),
            () -> 1.0);

    public static TestRelay of(OperationStore store, KustomerPort kustomer, DeliveryCoordination coordination,
            RelaySettings settings, PacingSettings pacing, DeliveryEvents events) {
        Clock clock = Clock.systemUTC();
        InstanceIdentity instance = new InstanceIdentity();
        WaitingCallers waiting = new WaitingCallers();
        Pauses pauses = new Pauses(coordination, instance, settings, pacing);
        Claims claims = new Claims(store, pauses, coordination, instance, clock, settings, events,
                OperationTraces.OFF);
        OutcomeRecorder outcomes = new OutcomeRecorder(store, instance, clock, settings, events, waiting);
        OperationDelivery delivery = new OperationDelivery(kustomer, store,
                new CustomerCreationLimit(pacing, coordination), new RateGate(pacing, coordination, pauses, clock),
                QUICK_RETRIES, pauses, outcomes, OperationTraces.OFF,
                clock, instance);
        return new TestRelay(new DeliveryRelay(kustomer, pauses, claims, delivery, outcomes, instance, clock,
                settings), waiting);
    }
}
