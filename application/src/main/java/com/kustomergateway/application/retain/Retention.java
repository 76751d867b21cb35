package com.kustomergateway.application.retain;

import com.kustomergateway.application.GatewaySettings;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.port.OperationRetention;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Purges operations nobody needs any more: delivered and cancelled ones older than {@code gateway.retention.max-age},
 * with their attempts, in batches of {@code gateway.retention.batch-size}, every {@code gateway.retention.interval}.
 * Failed operations stay until an operator resolves them. Off unless {@code gateway.retention.enabled}: the outbox is
 * the audit log, and forgetting it is the owner's decision.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final Set<OperationStatus> PURGEABLE = Arrays.stream(OperationStatus.values())
            .filter(OperationStatus::isPurgeable).collect(Collectors.toUnmodifiableSet());

    private final OperationRetention retention;
    private final Clock clock;
    private final Settings settings;
    private ScheduledExecutorService schedule;

    /** Each value has a {@code gateway.retention.*} setting, documented in the README. */
    public record Settings(boolean enabled, Duration maxAge, int batchSize, Duration interval) {
        public Settings {
            if (maxAge.isNegative() || maxAge.isZero() || batchSize < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(
                        "gateway.retention.max-age and .interval must be positive, .batch-size at least 1");
            }
        }
    }

    @Inject
    public Retention(OperationRetention retention, Clock clock, GatewaySettings settings) {
        this(retention, clock, new Settings(settings.retention().enabled(), settings.retention().maxAge(),
                settings.retention().batchSize(), settings.retention().interval()));
    }

    public Retention(OperationRetention retention, Clock clock, Settings settings) {
        this.retention = retention;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts the purge schedule, if retention is on. The application calls it once it is up. */
    public void startIfEnabled() {
        if (!settings.enabled() || schedule != null) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "retention");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::purgeLogged, settings.interval().toMillis(),
                settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Retention on: delivered and cancelled operations older than %s are purged every %s",
                settings.maxAge(), settings.interval());
    }

    @PreDestroy
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    public boolean isEnabled() {
        return settings.enabled();
    }

    /**
     * Purges what has expired, one batch (one short transaction) at a time, until a batch comes back short;
     * returns how many operations it purged.
     */
    public long purgeExpired() {
        long purged = 0;
        int batch;
        do {
            batch = retention.purge(PURGEABLE, clock.instant().minus(settings.maxAge()), settings.batchSize());
            purged += batch;
        } while (batch == settings.batchSize());
        return purged;
    }

    private void purgeLogged() {
        try {
            long purged = purgeExpired();
            if (purged > 0) {
                LOG.infof("Retention purged %d delivered or cancelled operation(s) older than %s", purged,
                        settings.maxAge());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Retention could not purge (%s); trying again in %s", e.getMessage(), settings.interval());
        }
    }
}
