package com.kustomergateway.bootstrap;

import com.kustomergateway.application.audit.DeliveryOverview;
import com.kustomergateway.application.audit.OperationChanged;
import com.kustomergateway.domain.change.ChangeKind;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationStatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's meters, at {@code /q/metrics}: operations accepted, delivered and failed by kind; delivery latency
 * (acceptance to Kustomer's confirmation) as a histogram; attempts by kind and outcome; Kustomer's 429 answers;
 * the backlog and the oldest waiting operation's age. Counters are this instance's; the two gauges read the
 * outbox that all instances share, at each scrape.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final DeliveryOverview overview;
    private final Clock clock;
    private final Counter rateLimited;

    public DeliveryMetrics(MeterRegistry registry, DeliveryOverview overview, Clock clock) {
        this.registry = registry;
        this.overview = overview;
        this.clock = clock;
        this.rateLimited = Counter.builder("gateway.kustomer.rate.limited")
                .description("Answers 429 (rate limit spent) from Kustomer").register(registry);
    }

    void register(@Observes StartupEvent event) {
        for (ChangeKind kind : ChangeKind.values()) {
            accepted(kind);
            settled(kind, OperationStatus.DELIVERED);
            settled(kind, OperationStatus.FAILED);
            latency(kind);
        }
        Gauge.builder("gateway.operations.backlog", () -> orNaN(overview::backlog))
                .description("Operations still owed to Kustomer: queued, in flight or waiting for a retry")
                .register(registry);
        Gauge.builder("gateway.operations.oldest.waiting.age", () -> orNaN(() -> overview.oldestPendingAge().toMillis() / 1000.0))
                .description("Seconds since the oldest operation still owed to Kustomer was accepted; 0 when none is")
                .baseUnit("seconds")
                .register(registry);
    }

    void changed(@Observes OperationChanged change) {
        Operation operation = change.operation();
        ChangeKind kind = operation.change().kind();
        switch (change.cause()) {
            case ACCEPTED -> accepted(kind).increment();
            case ATTEMPTED -> change.attempt().ifPresent(attempt -> attempted(operation, attempt));
            default -> {
                // a claim, a hold by the gateway or an operator's correction is not a delivery attempt
            }
        }
    }

    private void attempted(Operation next, DeliveryAttempt attempt) {
        ChangeKind kind = next.change().kind();
        Counter.builder("gateway.delivery.attempts").description("Delivery attempts by kind and outcome")
                .tag("kind", kind.name()).tag("outcome", attempt.outcome().getClass().getSimpleName())
                .register(registry).increment();
        long refused = attempt.exchanges().stream().map(KustomerExchange::status)
                .filter(status -> status.equals(Optional.of(429))).count();
        rateLimited.increment(refused);
        if (next.status() == OperationStatus.DELIVERED || next.status() == OperationStatus.FAILED) {
            settled(kind, next.status()).increment();
        }
        if (next.status() == OperationStatus.DELIVERED) {
            Duration latency = Duration.between(next.acceptedAt(), clock.instant());
            latency(kind).record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    private Counter accepted(ChangeKind kind) {
        return Counter.builder("gateway.operations.accepted").description("Operations accepted, by kind")
                .tag("kind", kind.name()).register(registry);
    }

    private Counter settled(ChangeKind kind, OperationStatus status) {
        String name = status == OperationStatus.DELIVERED ? "gateway.operations.delivered" : "gateway.operations.failed";
        return Counter.builder(name).description("Operations " + status.name().toLowerCase() + ", by kind")
                .tag("kind", kind.name()).register(registry);
    }

    private Timer latency(ChangeKind kind) {
        return Timer.builder("gateway.delivery.latency")
                .description("From acceptance to delivery confirmed by Kustomer, by kind")
                .tag("kind", kind.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    /** A scrape while the database is away shows a gap, not an error. */
    private static double orNaN(Supplier<Number> value) {
        try {
            return value.get().doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
