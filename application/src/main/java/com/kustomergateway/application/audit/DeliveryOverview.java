package com.kustomergateway.application.audit;

import com.kustomergateway.application.GatewaySettings;
import com.kustomergateway.application.deliver.Claims;
import com.kustomergateway.application.deliver.DeliveryRelay;
import com.kustomergateway.application.deliver.Pauses;
import com.kustomergateway.application.deliver.RelayStatus;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.operation.ActivityMinute;
import com.kustomergateway.domain.operation.CappedCount;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.port.DeliveryCoordination;
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
    private final DeliveryCoordination coordination;
    private final RateGate rateGate;
    private final Clock clock;
    private final long countCap;

    @Inject
    public DeliveryOverview(DeliveryRelay relay, OperationHistory history, DeliveryCoordination coordination,
            RateGate rateGate, Clock clock, GatewaySettings settings) {
        this.relay = relay;
        this.history = history;
        this.coordination = coordination;
        this.rateGate = rateGate;
        this.clock = clock;
        this.countCap = settings.audit().countCap();
    }

    /**
     * The pauses are read from the database here rather than from this instance's last look, so that whichever
     * instance answers, it says what the deployment does now.
     */
    public DeliveryReport report() {
        Optional<Instant> oldest = history.oldestPendingAcceptedAt();
        Instant now = clock.instant();
        DeliveryCoordination.State state = coordination.state(now, rateGate.window(), Claims.HEARTBEAT_STALE);
        RelayStatus own = relay.status();
        RelayStatus status = own.state() == RelayStatus.State.RUNNING || own.isPaused()
                ? Pauses.status(state, now) : own;
        DeliveryCoordination.BudgetWindow window = state.window();
        long left = Math.max(0, rateGate.ceiling() - window.spent());
        if (window.kustomerRemaining().isPresent()) {
            left = Math.min(left, Math.max(0, window.kustomerRemaining().getAsInt()));
        }
        if (status.state() == RelayStatus.State.PAUSED_RATE_LIMIT) {
            left = 0;
        }
        return new DeliveryReport(status, history.countsUpTo(countCap), oldest, oldest.map(this::age),
                new DeliveryReport.Deployment(state.instances(), rateGate.window(), window.startedAt(),
                        window.spent(), left, rateGate.ceiling()));
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
