package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.DeliveryCoordination;
import com.kustomergateway.domain.port.OperationStore;

import io.opentelemetry.api.trace.SpanContext;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * This process's claims on the outbox: the claim round, which takes what is due with a lease named for this process
 * (so a settle by a process whose lease ran out is refused) as far as the pauses let it; the leases of deliveries
 * under way, renewed while they run and given back at shutdown; and the heartbeat that tells the deployment this
 * instance is delivering.
 */
@ApplicationScoped
public class Claims {

    private static final Logger LOG = Logger.getLogger(Claims.class);

    /** How often an instance says it is delivering; one silent for {@link #HEARTBEAT_STALE} is not counted. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    public static final Duration HEARTBEAT_STALE = HEARTBEAT.multipliedBy(3);

    private final OperationStore store;
    private final Pauses pauses;
    private final DeliveryCoordination coordination;
    private final String owner;
    private final Clock clock;
    private final RelaySettings settings;
    private final DeliveryEvents events;
    private final OperationTraces traces;
    private final Set<OperationId> delivering = ConcurrentHashMap.newKeySet();
    private volatile Instant leasesRenewedAt = Instant.EPOCH;
    private volatile Instant startedAt = Instant.EPOCH;
    private volatile Instant heartbeatAt = Instant.EPOCH;

    public Claims(OperationStore store, Pauses pauses, DeliveryCoordination coordination, InstanceIdentity instance,
            Clock clock, RelaySettings settings, DeliveryEvents events, OperationTraces traces) {
        this.store = store;
        this.pauses = pauses;
        this.coordination = coordination;
        this.owner = instance.id();
        this.clock = clock;
        this.settings = settings;
        this.events = events;
        this.traces = traces;
    }

    /** The relay starts: its heartbeat says so at the next round. */
    void started(Instant at) {
        startedAt = at;
        heartbeatAt = Instant.EPOCH;
    }

    /**
     * One round, with delivery {@code standing} as it may go at {@code now} (not unavailable): claims what is due and
     * hands each operation to {@code start} with the claim's span; each counts as under way until {@link #finished}.
     * Returns how long to wait before the next round (zero: at once).
     */
    Duration round(RelayStatus standing, Instant now, BiConsumer<Operation, SpanContext> start) {
        heartbeatWhenDue(now);
        int free = settings.concurrency() - delivering.size();
        if (standing.state() == RelayStatus.State.PAUSED_CREDENTIALS) {
            // After refused credentials one operation of one instance probes the key; the rest wait.
            Instant recheckAt = standing.until().orElseThrow();
            if (recheckAt.isAfter(now)) {
                return Duration.between(now, recheckAt);
            }
            if (!delivering.isEmpty() || !pauses.takeCredentialsProbe(now)) {
                return settings.pollInterval();
            }
            free = 1;
        } else if (standing.state() == RelayStatus.State.PAUSED_RATE_LIMIT) {
            return Duration.between(now, standing.until().orElseThrow());
        }
        if (free <= 0) {
            return settings.pollInterval();
        }
        if (standing.state() == RelayStatus.State.RUNNING && pauses.credentialsRefused()) {
            // A worker saw the key refused while this round was deciding, and its operation is due again at once
            // (it is the probe): decide again once the worker has shared the pause (it wakes the dispatcher then)
            // rather than send it during the pause.
            return settings.pollInterval();
        }
        List<Operation> claimed = store.claimDue(now, owner, now.plus(settings.lease()), free);
        SpanContext claim = traces.claimed(claimed, now);
        for (Operation operation : claimed) {
            events.claimed(operation);
            delivering.add(operation.id());
            start.accept(operation, claim);
        }
        return claimed.size() == free ? Duration.ZERO : settings.pollInterval();
    }

    void finished(OperationId id) {
        delivering.remove(id);
    }

    /**
     * A delivery may take longer than a lease (a slow Kustomer, a large bulk job): while this process is alive its
     * leases are renewed every third of a lease, so only a dead process's work is ever taken over.
     */
    void renewLeasesWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(leasesRenewedAt.plus(settings.lease().dividedBy(3)))) {
            return;
        }
        store.renewLeases(owner, List.copyOf(delivering), now.plus(settings.lease()));
        leasesRenewedAt = now;
    }

    /** Gives back the leases of deliveries still running, so another instance takes them over at once. */
    void releaseUnfinished() {
        List<OperationId> unfinished = List.copyOf(delivering);
        LOG.warnf("%d deliveries still running after %s; giving their leases back", unfinished.size(),
                settings.shutdownGrace());
        try {
            store.releaseLeases(owner, unfinished, clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("Could not give back %d leases (%s); they will run out by themselves", unfinished.size(),
                    e.getMessage());
        }
    }

    /** This instance stops delivering: it leaves the deployment's list at once rather than when its beat is stale. */
    void leave() {
        try {
            coordination.leave(owner);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove this instance from the deployment's list (%s); it drops out in %s",
                    e.getMessage(), HEARTBEAT_STALE);
        }
    }

    private void heartbeatWhenDue(Instant now) {
        if (now.isBefore(heartbeatAt.plus(HEARTBEAT))) {
            return;
        }
        coordination.heartbeat(owner, startedAt, now);
        heartbeatAt = now;
    }
}
