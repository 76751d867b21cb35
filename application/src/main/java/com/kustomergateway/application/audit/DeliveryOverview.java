package com.kustomergateway.application.audit;

import com.kustomergateway.application.GatewaySettings;
import com.kustomergateway.application.delivery.DeliveryRelay;
import com.kustomergateway.domain.operation.ActivityMinute;
import com.kustomergateway.domain.operation.CappedCount;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.port.OperationHistory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Delivery at a glance, for the {@code deliveryStatus} query, the console's overview and the backlog metrics. */
@ApplicationScoped
public class DeliveryOverview {

    private final DeliveryRelay relay;
    private final OperationHistory history;
    private final Clock clock;
    private final long countCap;

    @Inject
    public DeliveryOverview(DeliveryRelay relay, OperationHistory history, Clock clock, GatewaySettings settings) {
        this.relay = relay;
        this.history = history;
        this.clock = clock;
        this.countCap = settings.audit().countCap();
    }

    public DeliveryReport report() {
        Optional<Instant> oldest = history.oldestPendingAcceptedAt();
        return new DeliveryReport(relay.status(), history.countsUpTo(countCap), oldest, oldest.map(this::age));
    }

    /** Minutes the activity chart covers: the last hour, the current minute being the last. */
    public static final int ACTIVITY_MINUTES = 60;

    /** Each minute of the last hour, oldest first, quiet minutes included so that a chart needs no gaps filled. */
    public List<ActivityMinute> activityOfLastHour() {
        Instant before = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant from = before.minus(ACTIVITY_MINUTES, ChronoUnit.MINUTES);
        Map<Instant, ActivityMinute> active = history.activity(from, before).stream()
                .collect(Collectors.toMap(ActivityMinute::minute, Function.identity()));
        List<ActivityMinute> minutes = new ArrayList<>(ACTIVITY_MINUTES);
        for (Instant minute = from; minute.isBefore(before); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(active.getOrDefault(minute, ActivityMinute.quiet(minute)));
        }
        return minutes;
    }

    /** How many operations the filter selects, up to the same cap as the counts per status. */
    public CappedCount count(OperationFilter filter) {
        return history.countUpTo(filter, countCap);
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
