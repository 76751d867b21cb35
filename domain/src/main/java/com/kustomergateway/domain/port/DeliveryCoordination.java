package com.kustomergateway.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What every gateway instance on one database shares toward Kustomer, so that several act as one: the schedule of
 * requests against the org's budget, the pauses (Kustomer's rate limit until its reset, a refused key until one
 * probe checks it again), the creations each customer received lately, and which instances are delivering.
 * Nothing here is held by an instance: a pause ends at its {@code until} whoever set it, and an instance that dies
 * holds no budget, so none is stranded and a new instance takes the next request slot as soon as it asks.
 */
public interface DeliveryCoordination {

    /**
     * Takes the next request slot if it comes within {@code ahead}: slots are {@code spacing} apart (or wider while
     * Kustomer's remaining budget is spread) whoever takes them (any instance), none during a rate-limit pause. A
     * slot taken ahead is kept for its taker, who waits for it, so the schedule does not slip by however late each
     * taker asks.
     */
    Slot takeRequestSlot(Duration spacing, Duration window, Duration ahead);

    /**
     * A request slot: taken (send in {@code delay}, at most the {@code ahead} asked for), or not (ask again in
     * {@code delay}).
     */
    record Slot(boolean taken, Duration delay) {
    }

    /**
     * Kustomer said {@code remaining} requests are left until {@code until}: until then, no request closer than
     * {@code spacing} to the previous one, for every instance, starting with the next.
     */
    void spread(Duration spacing, Instant until, int remaining);

    /** Pauses every request until {@code until}; returns false when a pause lasting as long was in force already. */
    boolean pauseForRateLimit(Instant until, String reason, String seenBy);

    /** Kustomer refused the key: every instance stops delivering until {@code recheckAt}, then one probes it. */
    void pauseForCredentials(Instant recheckAt, String reason, String seenBy);

    /**
     * The refused key's re-check is due: exactly one caller gets true and probes it with one operation, and the
     * pause is pushed to {@code nextRecheckAt}, so that if that caller dies another probes then.
     */
    boolean takeCredentialsProbe(Instant now, Instant nextRecheckAt, String prober);

    /** Kustomer accepted the key again: the credentials pause ends for every instance. */
    void credentialsAccepted();

    /** This instance is delivering, as of {@code at}. */
    void heartbeat(String instance, Instant startedAt, Instant at);

    /** This instance stops delivering. */
    void leave(String instance);

    /** How the deployment stands: pauses, the budget's current window, the instances that beat lately. */
    State state(Instant now, Duration window, Duration heartbeatsWithin);

    /**
     * Holds the creation windows of these keys until the caller's transaction ends, so that two instances never
     * both take the last room of one customer's window.
     */
    void lockCreationWindows(Collection<String> keys);

    /** Each key's creations at or after {@code since}, one instant per creation, oldest first. */
    Map<String, List<Instant>> creationsSince(Collection<String> keys, Instant since);

    /**
     * Records an operation's creations for each key at {@code at} under {@code reservation}, and forgets those of
     * these keys before {@code forgetBefore}.
     */
    void recordCreations(String reservation, Map<String, Integer> counts, Instant at, Instant forgetBefore);

    /**
     * The reservation's requests were sent by {@code at}: its creations count from then, as Kustomer counts them
     * when it receives them, so the room they take comes back one window after they arrived rather than after they
     * were reserved.
     */
    void redateCreations(String reservation, Instant at);

    /** A pause of every instance's delivery. */
    record Pause(Instant until, String reason, String seenBy) {
    }

    /** The budget window under way: fixed windows from the epoch, {@code window} long. */
    record BudgetWindow(Instant startedAt, long spent, OptionalInt kustomerRemaining, Optional<Instant> kustomerReset) {
    }

    /** An instance delivering: its id (its leases' owner), when it started and when it last said so. */
    record Instance(String id, Instant startedAt, Instant heartbeatAt) {
    }

    record State(Optional<Pause> rateLimit, Optional<Pause> credentials, BudgetWindow window,
            List<Instance> instances) {

        public State {
            instances = List.copyOf(instances);
        }
    }
}
