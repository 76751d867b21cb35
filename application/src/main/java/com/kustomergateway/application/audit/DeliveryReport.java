package com.kustomergateway.application.audit;

import com.kustomergateway.application.deliver.RelayStatus;
import com.kustomergateway.domain.operation.StatusCount;
import com.kustomergateway.domain.port.DeliveryCoordination;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How delivery stands, for operators: what the relay is doing (its pauses are the whole deployment's), how many
 * operations have each status, how long the oldest operation still owed to Kustomer has waited, and the deployment:
 * the instances delivering and the request budget of the current window.
 */
public record DeliveryReport(RelayStatus relay, List<StatusCount> counts, Optional<Instant> oldestPendingAcceptedAt,
        Optional<Duration> oldestPendingAge, Deployment deployment) {

    public DeliveryReport {
        counts = List.copyOf(counts);
    }

    /**
     * Every instance sharing the database.
     *
     * @param ceiling the gateway's own requests per window ({@code gateway.kustomer.requests-per-minute})
     * @param left    what may still be sent in this window: the ceiling's rest, or less when Kustomer said so
     */
    public record Deployment(List<DeliveryCoordination.Instance> instances, Duration window, Instant windowStartedAt,
            long spent, long left, int ceiling) {

        public Deployment {
            instances = List.copyOf(instances);
        }
    }
}
