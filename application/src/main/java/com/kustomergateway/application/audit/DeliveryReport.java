package com.kustomergateway.application.audit;

import com.kustomergateway.application.delivery.RelayStatus;
import com.kustomergateway.domain.operation.StatusCount;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How delivery stands, for operators: what the relay is doing, how many operations have each status, and how long
 * the oldest operation still owed to Kustomer has waited.
 */
public record DeliveryReport(RelayStatus relay, List<StatusCount> counts, Optional<Instant> oldestPendingAcceptedAt,
        Optional<Duration> oldestPendingAge) {

    public DeliveryReport {
        counts = List.copyOf(counts);
    }
}
