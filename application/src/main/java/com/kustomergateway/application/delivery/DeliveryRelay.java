package com.kustomergateway.application.delivery;

import com.kustomergateway.application.GatewaySettings;
import com.kustomergateway.application.pacing.CustomerCreationLimit;
import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.RetryPolicy;
import com.kustomergateway.domain.port.DeliveryCoordination;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.domain.port.OperationStore;

import io.opentelemetry.api.trace.SpanContext;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers due operations to Kustomer. One dispatcher thread claims what is due (in short transactions, with a
 * lease) and hands each operation to a worker; workers call Kustomer outside any transaction and record the
 * attempt. The dispatcher is woken when an operation is accepted or a delivery ends, and polls as a fallback, so
 * operations accepted by another instance, retries that come due and leases that ran out are found too.
 *
 * <p>Pauses are the deployment's, not this process's: a refused key or Kustomer's rate limit seen by any instance
 * sharing the database pauses all of them ({@link DeliveryCoordination}), and when a refused key is due for its
 * re-check, one operation of one instance probes it.
 */
@ApplicationScoped
public class DeliveryRelay {

    private static final Logger LOG = Logger.getLogger(DeliveryRelay.class);

    private final OperationStore store;
    private final KustomerPort kustomer;
    private final RateGate rateGate;
    private final CustomerCreationLimit creationLimit;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final Settings settings;
    private final DeliveryEvents events;
    private final OperationTraces traces;
    private final DeliveryCoordination coordination;

    /** How often an instance says it is delivering; one silent for {@link #HEARTBEAT_STALE} is not counted. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    public static final Duration HEARTBEAT_STALE = HEARTBEAT.multipliedBy(3);
    /** How stale the deployment's pauses may be when the dispatcher decides what to claim. */
    private static final Duration SHARED_STATE_REFRESH = Duration.ofMillis(200);

    /** Names this process's leases, so a settle by a process whose lease ran out is refused. */
    private final String owner;
    private final Map<OperationId, CompletableFuture<Operation>> watchers = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<OperationId> delivering = ConcurrentHashMap.newKeySet();
    private volatile Instant leasesRenewedAt = Instant.EPOCH;
    private final Object signal = new Object();
    private boolean signalled;

    private volatile boolean running;
    private volatile Thread dispatcher;
    private volatile ExecutorService workers;
    private volatile boolean warnedUnavailable;
    private volatile Instant startedAt = Instant.EPOCH;
    private volatile Instant heartbeatAt = Instant.EPOCH;
    /** The deployment's pauses as last read; what status() reports, so a health check costs no query. */
    private volatile DeliveryCoordination.State shared;
    private volatile Instant sharedReadAt = Instant.EPOCH;

    /** How the relay runs; each value is a {@code gateway.relay.*} setting ({@link GatewaySettings.Relay}). */
    public record Settings(boolean enabled, int concurrency, Duration pollInterval, Duration lease,
            Duration credentialsRecheck, Duration shutdownGrace) {
    }

    @Inject
    public DeliveryRelay(OperationStore store, KustomerPort kustomer, RateGate rateGate,
            CustomerCreationLimit creationLimit, DeliveryCoordination coordination, InstanceIdentity instance,
            Clock clock, DeliveryEvents events, GatewaySettings settings, OperationTraces traces) {
        this(store, kustomer, rateGate, creationLimit, coordination, instance, clock,
                new RetryPolicy(settings.retry().maxAttempts(), settings.retry().initialBackoff(),
                        settings.retry().maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
                new Settings(settings.relay().enabled(), settings.relay().concurrency(),
                        settings.relay().pollInterval(), settings.relay().lease(),
                        settings.relay().credentialsRecheck(), settings.relay().shutdownGrace()), events, traces);
    }

    public DeliveryRelay(OperationStore store, KustomerPort kustomer, RateGate rateGate,
            DeliveryCoordination coordination, Clock clock, RetryPolicy retryPolicy, Settings settings) {
        this(store, kustomer, rateGate, new CustomerCreationLimit(120, Duration.ofMinutes(1), coordination),
                coordination, new InstanceIdentity(), clock, retryPolicy, settings, DeliveryEvents.NONE);
    }

    public DeliveryRelay(OperationStore store, KustomerPort kustomer, RateGate rateGate,
            CustomerCreationLimit creationLimit, DeliveryCoordination coordination, InstanceIdentity instance,
            Clock clock, RetryPolicy retryPolicy, Settings settings, DeliveryEvents events) {
        this(store, kustomer, rateGate, creationLimit, coordination, instance, clock, retryPolicy, settings, events,
                OperationTraces.OFF);
    }

    public DeliveryRelay(OperationStore store, KustomerPort kustomer, RateGate rateGate,
            CustomerCreationLimit creationLimit, DeliveryCoordination coordination, InstanceIdentity instance,
            Clock clock, RetryPolicy retryPolicy, Settings settings, DeliveryEvents events, OperationTraces traces) {
        this.store = store;
        this.kustomer = kustomer;
        this.rateGate = rateGate;
        this.creationLimit = creationLimit;
        this.clock = clock;
        this.retryPolicy = retryPolicy;
        this.settings = settings;
        this.events = events;
        this.traces = traces;
        this.coordination = coordination;
        this.owner = instance.id();
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
        startedAt = clock.instant();
        heartbeatAt = Instant.EPOCH;
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "delivery-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Thread thread = new Thread(this::dispatch, "delivery-dispatcher");
        thread.setDaemon(true);
        dispatcher = thread;
        thread.start();
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
        wake();
        ExecutorService pool = workers;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                List<OperationId> unfinished = List.copyOf(delivering);
                LOG.warnf("%d deliveries still running after %s; giving their leases back", unfinished.size(),
                        settings.shutdownGrace());
                releaseLeases(unfinished);
                pool.shutdownNow();
            }
            Thread thread = dispatcher;
            if (thread != null) {
                thread.join(settings.shutdownGrace().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            coordination.leave(owner);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove this instance from the deployment's list (%s); it drops out in %s", e.getMessage(),
                    HEARTBEAT_STALE);
        }
    }

    /** Asks the dispatcher to look for due operations now rather than at its next poll. */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** A future completed with the operation once this process settles it (delivered or failed). */
    public CompletableFuture<Operation> watch(OperationId id) {
        return watchers.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    public void unwatch(OperationId id, CompletableFuture<Operation> future) {
        watchers.remove(id, future);
    }

    public RelayStatus status() {
        if (!running) {
            return new RelayStatus(RelayStatus.State.STOPPED,
                    Optional.of(settings.enabled() ? "the relay is not running" : "gateway.relay.enabled is false"),
                    Optional.empty(), Optional.empty());
        }
        Optional<String> unavailable = kustomer.unavailableBecause();
        if (unavailable.isPresent()) {
            return new RelayStatus(RelayStatus.State.UNAVAILABLE, unavailable, Optional.empty(), Optional.empty());
        }
        DeliveryCoordination.State state = shared;
        if (state == null) {
            return new RelayStatus(RelayStatus.State.RUNNING, Optional.empty(), Optional.empty(), Optional.empty());
        }
        return status(state, clock.instant());
    }

    /** What the deployment's pauses mean for delivery. */
    public static RelayStatus status(DeliveryCoordination.State state, Instant now) {
        if (state.credentials().isPresent()) {
            DeliveryCoordination.Pause refused = state.credentials().get();
            return new RelayStatus(RelayStatus.State.PAUSED_CREDENTIALS, Optional.of(refused.reason()),
                    Optional.of(refused.until()), Optional.ofNullable(refused.seenBy()));
        }
        Optional<DeliveryCoordination.Pause> limited = state.rateLimit().filter(p -> p.until().isAfter(now));
        if (limited.isPresent()) {
            return new RelayStatus(RelayStatus.State.PAUSED_RATE_LIMIT,
                    Optional.of("Kustomer's rate limit is spent (" + limited.get().reason() + ")"),
                    Optional.of(limited.get().until()), Optional.ofNullable(limited.get().seenBy()));
        }
        return new RelayStatus(RelayStatus.State.RUNNING, Optional.empty(), Optional.empty(), Optional.empty());
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
        renewLeasesWhenDue();
        Optional<String> unavailable = kustomer.unavailableBecause();
        if (unavailable.isPresent()) {
            if (!warnedUnavailable) {
                LOG.warnf("Not delivering to Kustomer: %s. Operations are kept and will be sent once it is fixed.",
                        unavailable.get());
                warnedUnavailable = true;
            }
            return settings.pollInterval();
        }
        warnedUnavailable = false;
        Instant now = clock.instant();
        heartbeatWhenDue(now);
        DeliveryCoordination.State state = sharedState(now);
        int free = settings.concurrency() - inFlight.get();
        if (state.credentials().isPresent()) {
            // After refused credentials one operation of one instance probes the key; the rest wait.
            Instant recheckAt = state.credentials().get().until();
            if (recheckAt.isAfter(now)) {
                return Duration.between(now, recheckAt);
            }
            if (inFlight.get() > 0
                    || !coordination.takeCredentialsProbe(now, now.plus(settings.credentialsRecheck()), owner)) {
                return settings.pollInterval();
            }
            free = 1;
        } else {
            Optional<Instant> rateLimited = state.rateLimit().map(DeliveryCoordination.Pause::until)
                    .filter(until -> until.isAfter(now));
            if (rateLimited.isPresent()) {
                return Duration.between(now, rateLimited.get());
            }
        }
        if (free <= 0) {
            return settings.pollInterval();
        }
        DeliveryCoordination.State latest = shared;
        if (latest != state && latest.credentials().isPresent() && state.credentials().isEmpty()) {
            // A worker saw the key refused while this round was deciding, and its operation is due again at once
            // (it is the probe): decide again with what the worker learned rather than send it during the pause.
            return Duration.ZERO;
        }
        List<Operation> claimed = store.claimDue(now, owner, now.plus(settings.lease()), free);
        SpanContext claim = traces.claimed(claimed, now);
        for (Operation operation : claimed) {
            events.claimed(operation);
            inFlight.incrementAndGet();
            delivering.add(operation.id());
            workers.execute(() -> deliver(operation, claim));
        }
        return claimed.size() == free ? Duration.ZERO : settings.pollInterval();
    }

    private void deliver(Operation operation, SpanContext claim) {
        // Every line logged while delivering, here or in the Kustomer adapter, names its operation (and, traced,
        // the attempt's trace and span ids).
        MDC.put("operationId", operation.id().toString());
        try (OperationTraces.Attempt trace = traces.attempt(operation, claim)) {
            Instant started = clock.instant();
            KustomerPort.Delivery delivery;
            Optional<Instant> deferredUntil = creationLimit.reserve(operation, started);
            try {
                delivery = deferredUntil.isPresent() ? deferral(deferredUntil.get())
                        : kustomer.deliver(operation, store.journal(operation.id(), owner));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Operation %s: delivery failed unexpectedly", operation.id());
                delivery = new KustomerPort.Delivery(new DeliveryOutcome.Transient(
                        DeliveryFailure.network("gateway_error", "the gateway failed while delivering: " + e),
                        Optional.empty()), List.of());
            }
            Instant finished = clock.instant();
            if (deferredUntil.isEmpty()) {
                shareQuietly("the time its creations were sent", () -> creationLimit.sent(operation, finished));
            }
            DeliveryOutcome outcome = delivery.outcome();
            Operation next = operation.settle(outcome, retryPolicy, finished);
            DeliveryAttempt attempt = new DeliveryAttempt(operation.id(), started, Duration.between(started, finished),
                    outcome, delivery.exchanges(), trace.traceId());
            trace.outcome(outcome);
            boolean recorded = settle(next, attempt);
            // After the record, so that whoever sees the relay paused also finds the operation waiting.
            if (deferredUntil.isEmpty()) {
                KustomerPort.Delivery answered = delivery;
                shareQuietly("what its outcome means for every instance", () -> react(operation, answered, finished));
            }
            if (recorded) {
                log(next);
                events.attempted(next, attempt);
                if (next.isSettled()) {
                    CompletableFuture<Operation> watcher = watchers.get(next.id());
                    if (watcher != null) {
                        watcher.complete(next);
                    }
                }
            } else {
                LOG.warnf("Operation %s: lease lost before the outcome was recorded; another instance owns it now",
                        operation.id());
            }
        } finally {
            MDC.remove("operationId");
            delivering.remove(operation.id());
            inFlight.decrementAndGet();
            wake();
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

    private DeliveryCoordination.State sharedState(Instant now) {
        if (shared == null || !now.isBefore(sharedReadAt.plus(SHARED_STATE_REFRESH))) {
            refreshSharedState(now);
        }
        return shared;
    }

    private void refreshSharedState(Instant now) {
        shared = coordination.state(now, rateGate.window(), HEARTBEAT_STALE);
        sharedReadAt = now;
    }

    private void heartbeatWhenDue(Instant now) {
        if (now.isBefore(heartbeatAt.plus(HEARTBEAT))) {
            return;
        }
        coordination.heartbeat(owner, startedAt, now);
        heartbeatAt = now;
    }

    /**
     * A delivery may take longer than a lease (a slow Kustomer, a large bulk job): while this process is alive its
     * leases are renewed every third of a lease, so only a dead process's work is ever taken over.
     */
    private void renewLeasesWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(leasesRenewedAt.plus(settings.lease().dividedBy(3)))) {
            return;
        }
        List<OperationId> ids = List.copyOf(delivering);
        store.renewLeases(owner, ids, now.plus(settings.lease()));
        leasesRenewedAt = now;
    }

    private void releaseLeases(List<OperationId> ids) {
        try {
            store.releaseLeases(owner, ids, clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("Could not give back %d leases (%s); they will run out by themselves", ids.size(),
                    e.getMessage());
        }
    }

    /**
     * An operation held back by the gateway itself, recorded as a rate limit that lifts at {@code until}: it
     * waits without counting as a failure, and without a request to Kustomer.
     */
    private static KustomerPort.Delivery deferral(Instant until) {
        return new KustomerPort.Delivery(new DeliveryOutcome.RateLimited(DeliveryFailure.network(
                "customer_creation_limit", "Kustomer takes a limited number of creations per customer and minute; "
                        + "held back by the gateway until " + until), until), List.of());
    }

    /** What one operation's delivery means for all of them: the rate gate heeds what Kustomer said of its pace. */
    private void react(Operation operation, KustomerPort.Delivery delivery, Instant now) {
        rateGate.heed(delivery, "operation " + operation.id())
                .ifPresent(until -> traces.paused("rate limit", now, until));
        DeliveryOutcome outcome = delivery.outcome();
        if (outcome instanceof DeliveryOutcome.CredentialsRejected refused) {
            String problem = "Kustomer refused the API key: " + refused.failure().message()
                    + " (HTTP " + refused.failure().httpStatus().map(String::valueOf).orElse("-") + ")";
            Instant recheckAt = now.plus(settings.credentialsRecheck());
            coordination.pauseForCredentials(recheckAt, problem, owner);
            traces.paused("credentials", now, recheckAt);
            LOG.errorf("%s. All delivery is paused until %s; fix KUSTOMER_API_KEY.", problem, recheckAt);
            refreshSharedState(now);
        } else if (outcome instanceof DeliveryOutcome.Delivered && shared != null
                && shared.credentials().isPresent()) {
            coordination.credentialsAccepted();
            refreshSharedState(now);
        }
    }

    /** Records the outcome; a database that is briefly away is waited for, within the lease. */
    private boolean settle(Operation next, DeliveryAttempt attempt) {
        Instant giveUp = clock.instant().plus(settings.lease());
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                return store.settle(next, attempt, owner);
            } catch (RuntimeException e) {
                if (clock.instant().plus(pause).isAfter(giveUp) || !running) {
                    LOG.errorf("Operation %s: could not record its outcome (%s); it will be delivered again once "
                            + "its lease runs out", next.id(), e.getMessage());
                    return false;
                }
                LOG.warnf("Operation %s: could not record its outcome yet (%s); retrying", next.id(), e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : pause.multipliedBy(2);
            }
        }
    }

    private static void log(Operation next) {
        switch (next.status()) {
            case DELIVERED -> LOG.infof("Operation %s (%s): delivered, Kustomer ids %s", next.id(),
                    next.change().kind(), next.remoteIds());
            case FAILED -> LOG.warnf("Operation %s (%s): failed: %s", next.id(), next.change().kind(),
                    next.lastFailure().map(DeliveryFailure::message).orElse("?"));
            default -> LOG.infof("Operation %s (%s): %s, next attempt at %s: %s", next.id(), next.change().kind(),
                    next.status(), next.nextAttemptAt().orElse(null),
                    next.lastFailure().map(DeliveryFailure::message).orElse(""));
        }
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
