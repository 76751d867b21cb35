package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.domain.port.KustomerPort;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers due operations to Kustomer. One dispatcher thread asks whether delivery may go ({@link #standing}: Kustomer
 * reachable, no {@link Pauses pause}), runs a claim round ({@link Claims}) and hands each operation claimed to a worker
 * ({@link OperationDelivery}). It is woken when an operation is accepted or a delivery ends, and polls as a fallback,
 * so operations accepted by another instance, retries that come due and leases that ran out are found too.
 */
@ApplicationScoped
public class DeliveryRelay {

    private static final Logger LOG = Logger.getLogger(DeliveryRelay.class);

    private final KustomerPort kustomer;
    private final Pauses pauses;
    private final Claims claims;
    private final OperationDelivery delivery;
    private final OutcomeRecorder outcomes;
    private final String owner;
    private final Clock clock;
    private final RelaySettings settings;
    private final Object signal = new Object();
    private boolean signalled;

    private volatile boolean running;
    private volatile Thread dispatcher;
    private volatile ExecutorService workers;
    private volatile boolean warnedUnavailable;

    public DeliveryRelay(KustomerPort kustomer, Pauses pauses, Claims claims, OperationDelivery delivery,
            OutcomeRecorder outcomes, InstanceIdentity instance, Clock clock, RelaySettings settings) {
        this.kustomer = kustomer;
        this.pauses = pauses;
        this.claims = claims;
        this.delivery = delivery;
        this.outcomes = outcomes;
        this.owner = instance.id();
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts delivering, unless configuration switched the relay off. The application calls it once it is up. */
    public void startIfEnabled() {
        if (!settings.enabled()) {
            LOG.warn("Delivery relay is switched off (gateway.relay.enabled=false): operations are stored, not sent");
            return;
        }
        start();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        outcomes.stopping(false);
        claims.started(clock.instant());
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(settings.concurrency(),
                work -> daemon(work, "delivery-worker-" + n.incrementAndGet()));
        dispatcher = daemon(this::dispatch, "delivery-dispatcher");
        dispatcher.start();
        LOG.infof("Delivery relay started (%s, %d workers)", owner, settings.concurrency());
    }

    /**
     * Stops claiming, and gives deliveries under way the grace period to finish. The leases of those still running
     * after that are given back, so another instance takes them over at once; they look in Kustomer before they
     * create anything again.
     */
    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        outcomes.stopping(true);
        wake();
        ExecutorService pool = workers;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                claims.releaseUnfinished();
                pool.shutdownNow();
            }
            Thread thread = dispatcher;
            if (thread != null) {
                thread.join(settings.shutdownGrace().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        claims.leave();
    }

    /** Asks the dispatcher to look for due operations now rather than at its next poll. */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    public RelayStatus status() {
        if (!running) {
            return RelayStatus.because(RelayStatus.State.STOPPED,
                    settings.enabled() ? "the relay is not running" : "gateway.relay.enabled is false");
        }
        return standing(clock.instant(), false);
    }

    /**
     * Whether delivery may go at {@code now}, and if not why: Kustomer cannot be called at all, or a pause
     * ({@link Pauses#standing}). The one place both {@link #status()} and the dispatcher ask; {@code fresh} as there.
     */
    private RelayStatus standing(Instant now, boolean fresh) {
        Optional<String> unavailable = kustomer.unavailableBecause();
        if (unavailable.isPresent()) {
            return RelayStatus.because(RelayStatus.State.UNAVAILABLE, unavailable.get());
        }
        return pauses.standing(now, fresh);
    }

    private void dispatch() {
        while (running) {
            try {
                Duration wait = dispatchOnce();
                if (!wait.isZero()) {
                    awaitSignal(wait);
                }
            } catch (RuntimeException e) {
                // The database may be restarting; nothing is lost, the operations stay in the outbox.
                LOG.warnf("Delivery relay could not claim operations (%s); trying again in %s", e.getMessage(),
                        settings.pollInterval());
                awaitSignal(settings.pollInterval());
            }
        }
    }

    /** Claims and starts what is due; returns how long to wait before looking again (zero: look again now). */
    private Duration dispatchOnce() {
        claims.renewLeasesWhenDue();
        Instant now = clock.instant();
        RelayStatus standing = standing(now, true);
        if (standing.state() == RelayStatus.State.UNAVAILABLE) {
            if (!warnedUnavailable) {
                LOG.warnf("Not delivering to Kustomer: %s. Operations are kept and will be sent once it is fixed.",
                        standing.reason().orElseThrow());
                warnedUnavailable = true;
            }
            return settings.pollInterval();
        }
        warnedUnavailable = false;
        return claims.round(standing, now, (operation, claim) -> workers.execute(() -> {
            try {
                delivery.deliver(operation, claim);
            } finally {
                claims.finished(operation.id());
                wake();
            }
        }));
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private void awaitSignal(Duration timeout) {
        long millis = Math.max(1, Math.min(timeout.toMillis(), settings.pollInterval().toMillis()));
        synchronized (signal) {
            if (!signalled) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            signalled = false;
        }
    }
}
