package com.kustomergateway.application.pacing;

import com.kustomergateway.application.GatewaySettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Paces every request to Kustomer against the org's per-minute budget, which all of the org's keys and apps share.
 * Two limits apply, the stricter one wins:
 * <ul>
 * <li>the gateway's own ceiling, a token bucket refilling at {@code requestsPerMinute} and holding at most a tenth
 * of a minute's tokens, so a burst after a quiet spell stays small;</li>
 * <li>what Kustomer says is left: the {@code x-ratelimit-remaining} requests are spread evenly until
 * {@code x-ratelimit-reset}, keeping a few in reserve for requests already under way. This uses nearly all of the
 * budget other apps leave, without a 429.</li>
 * </ul>
 * When Kustomer says the budget is spent (a 429, or {@code x-ratelimit-remaining: 0}), no request goes out until
 * the reset it names.
 */
@ApplicationScoped
public class RateGate {

    private static final Logger LOG = Logger.getLogger(RateGate.class);

    private final Clock clock;
    private final double tokensPerMilli;
    private final double capacity;

    private double tokens;
    private long refilledAtMillis;
    private Instant pausedUntil = Instant.EPOCH;
    /** Spreading Kustomer's remaining budget: no request before this instant (epoch millis). */
    private long notBeforeMillis;
    private double budgetIntervalMillis;

    /** Requests that may be under way when a response says what is left; kept out of the spread. */
    static final int RESERVE = 4;

    @Inject
    public RateGate(GatewaySettings settings) {
        this(settings.kustomer().requestsPerMinute(), Clock.systemUTC());
    }

    public RateGate(int requestsPerMinute, Clock clock) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("gateway.kustomer.requests-per-minute must be at least 1");
        }
        this.clock = clock;
        this.tokensPerMilli = requestsPerMinute / 60_000.0;
        this.capacity = Math.max(1.0, requestsPerMinute / 10.0);
        this.tokens = capacity;
        this.refilledAtMillis = clock.millis();
    }

    /** Waits until one more request may be sent now, and takes it from the budget. */
    public void acquire() throws InterruptedException {
        while (true) {
            long waitMillis = tryAcquire();
            if (waitMillis == 0) {
                return;
            }
            Thread.sleep(Math.min(waitMillis, 1_000));
        }
    }

    /** Takes one request from the budget and returns 0, or returns how long to wait before asking again. */
    synchronized long tryAcquire() {
        long now = clock.millis();
        long paused = pausedUntil.toEpochMilli() - now;
        if (paused > 0) {
            return paused;
        }
        if (notBeforeMillis > now) {
            return notBeforeMillis - now;
        }
        tokens = Math.min(capacity, tokens + (now - refilledAtMillis) * tokensPerMilli);
        refilledAtMillis = now;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            notBeforeMillis = now + (long) budgetIntervalMillis;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1.0 - tokens) / tokensPerMilli));
    }

    /** Stops all requests until {@code until}; a later pause already in force is kept. */
    public synchronized void pauseUntil(Instant until, String reason) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            LOG.warnf("Kustomer rate limit: pausing all delivery until %s (%s)", until, reason);
        }
    }

    /**
     * Takes in what Kustomer said of the budget on a response: when nothing remains, waits for the reset (or a
     * minute, when Kustomer names none).
     */
    public void observe(OptionalInt remaining, Optional<Instant> reset) {
        if (remaining.isEmpty()) {
            return;
        }
        if (remaining.getAsInt() <= 0) {
            pauseUntil(reset.orElse(clock.instant().plus(Duration.ofMinutes(1))), "x-ratelimit-remaining is 0");
            return;
        }
        if (reset.isPresent()) {
            spread(remaining.getAsInt(), reset.get());
        }
    }

    private synchronized void spread(int remaining, Instant reset) {
        long untilReset = reset.toEpochMilli() - clock.millis();
        int spendable = remaining - RESERVE;
        if (untilReset <= 0) {
            budgetIntervalMillis = 0;
        } else if (spendable <= 0) {
            // What is left is the reserve: wait for the window to turn rather than risk a 429.
            budgetIntervalMillis = 0;
            notBeforeMillis = Math.max(notBeforeMillis, reset.toEpochMilli());
        } else {
            budgetIntervalMillis = (double) untilReset / spendable;
        }
    }

    /** The end of the current pause, if delivery is paused for the rate limit. */
    public synchronized Optional<Instant> pausedUntil() {
        return pausedUntil.isAfter(clock.instant()) ? Optional.of(pausedUntil) : Optional.empty();
    }
}
