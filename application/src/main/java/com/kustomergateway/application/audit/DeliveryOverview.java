package com.kustomergateway.application.audit;

import com.kustomergateway.application.delivery.DeliveryRelay;
import com.kustomergateway.domain.port.OperationHistory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Delivery at a glance, for the {@code deliveryStatus} query and the backlog metrics. */
@ApplicationScoped
public class DeliveryOverview {

    private final DeliveryRelay relay;
    private final OperationHistory history;
    private final Clock clock;
    private final long countCap;

    @Inject
    public DeliveryOverview(DeliveryRelay relay, OperationHistory history, Clock clock,
            @ConfigProperty(name = "gateway.audit.count-cap", defaultValue = "10000") long countCap) {
        this.relay = relay;
        this.history = history;
        this.clock = clock;
        this.countCap = countCap;
    }

    public DeliveryReport report() {
        Optional<Instant> oldest = history.oldestPendingAcceptedAt();
        return new DeliveryReport(relay.status(), history.countsUpTo(countCap), oldest, oldest.map(this::age));
    }

    /** Operations still owed to Kustomer: queued, in flight or waiting for a retry. */
    public long backlog() {
        return history.pendingCount();
    }

    /** How long the oldest operation still owed to Kustomer has waited; zero when none waits. */
    public Duration oldestPendingAge() {
        return history.oldestPendingAcceptedAt().map(this::age).orElse(Duration.ZERO);
    }

    private Duration age(Instant acceptedAt) {
        Duration age = Duration.between(acceptedAt, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
