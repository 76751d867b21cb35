package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.application.pacing.PacingSettings;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryCoordination;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every pause of delivery, in one place: Kustomer's rate limit until its reset, and a refused key until one probe
 * checks it again. Pauses are the deployment's, not this process's: they are read from and written to
 * {@link DeliveryCoordination}, so a pause seen by any instance sharing the database pauses all of them. The
 * deployment's state is read at most every {@link #REFRESH} for the dispatcher, and the last read answers
 * {@code status()}, so a health check costs no query.
 */
@ApplicationScoped
public class Pauses {

    private static final Logger LOG = Logger.getLogger(Pauses.class);

    /** How stale the deployment's pauses may be when the dispatcher decides what to claim. */
    static final Duration REFRESH = Duration.ofMillis(200);

    private final DeliveryCoordination coordination;
    private final String owner;
    private final Duration credentialsRecheck;
    private final Duration budgetWindow;
    /** Workers of this process that saw the key refused and have not shared the pause yet. */
    private final AtomicInteger refusalsUnshared = new AtomicInteger();
    /** The deployment's pauses as last read; null until the first read. */
    private volatile DeliveryCoordination.State shared;
    private volatile Instant sharedReadAt = Instant.EPOCH;

    public Pauses(DeliveryCoordination coordination, InstanceIdentity instance, RelaySettings relay,
            PacingSettings pacing) {
        this.coordination = coordination;
        this.owner = instance.id();
        this.credentialsRecheck = relay.credentialsRecheck();
        this.budgetWindow = pacing.window();
    }

    /**
     * Whether the pauses let delivery go at {@code now} and, if not, why and until when. {@code fresh}: read the
     * deployment's state when the last read is older than {@link #REFRESH} (the dispatcher); otherwise answer from
     * the last read (a status query).
     */
    RelayStatus standing(Instant now, boolean fresh) {
        if (fresh && (shared == null || !now.isBefore(sharedReadAt.plus(REFRESH)))) {
            refresh(now);
        }
        DeliveryCoordination.State state = shared;
        return state == null ? RelayStatus.running() : status(state, now);
    }

    /**
     * What the deployment's pauses mean for delivery: a refused key first (paused until its re-check, and while one
     * instance probes it), then a rate limit that has not lifted yet.
     */
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
        return RelayStatus.running();
    }

    /**
     * Whether this process knows the key is refused: a worker may have learned so since the dispatcher decided, and
     * may not even have shared it yet ({@link #noticing}).
     */
    boolean credentialsRefused() {
        return refusalsUnshared.get() > 0 || sharedCredentialsPause();
    }

    /**
     * An outcome is about to be recorded, before what it means is shared ({@link #learnFrom}, after the record so
     * that whoever sees the pause finds the operation waiting): a refused key stops this process's claims at once.
     */
    void noticing(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.CredentialsRejected) {
            refusalsUnshared.incrementAndGet();
        }
    }

    /** The refused key's re-check is due: true for exactly one caller of all instances, who probes it. */
    boolean takeCredentialsProbe(Instant now) {
        return coordination.takeCredentialsProbe(now, now.plus(credentialsRecheck), owner);
    }

    /** Stops all requests, on every instance, until {@code until}; a later pause already in force is kept. */
    public void rateLimited(Instant until, String reason) {
        if (coordination.pauseForRateLimit(until, reason, owner)) {
            LOG.warnf("Kustomer rate limit: pausing all delivery until %s (%s)", until, reason);
        }
    }

    /** A pause an outcome started: {@code what} paused delivery ("rate limit", "credentials") until {@code until}. */
    record Started(String what, Instant until) {
    }

    /**
     * What one operation's outcome means for the key, for all of them; returns the pause it started, if it did.
     * (What it means for the request budget, a 429 included, {@link RateGate#heed} decides, pausing through here.)
     */
    Optional<Started> learnFrom(Operation operation, DeliveryOutcome outcome, Instant now) {
        if (outcome instanceof DeliveryOutcome.CredentialsRejected refused) {
            String problem = "Kustomer refused the API key: " + refused.failure().message()
                    + " (HTTP " + refused.failure().httpStatus().map(String::valueOf).orElse("-") + ")";
            Instant recheckAt = now.plus(credentialsRecheck);
            try {
                coordination.pauseForCredentials(recheckAt, problem, owner);
                LOG.errorf("%s. All delivery is paused until %s; fix KUSTOMER_API_KEY.", problem, recheckAt);
                refresh(now);
            } finally {
                refusalsUnshared.decrementAndGet();
            }
            return Optional.of(new Started("credentials", recheckAt));
        }
        if (outcome instanceof DeliveryOutcome.Delivered && sharedCredentialsPause()) {
            coordination.credentialsAccepted();
            refresh(now);
        }
        return Optional.empty();
    }

    private boolean sharedCredentialsPause() {
        DeliveryCoordination.State state = shared;
        return state != null && state.credentials().isPresent();
    }

    private void refresh(Instant now) {
        shared = coordination.state(now, budgetWindow, Claims.HEARTBEAT_STALE);
        sharedReadAt = now;
    }
}
