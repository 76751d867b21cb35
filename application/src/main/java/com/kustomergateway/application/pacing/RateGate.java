package com.kustomergateway.application.pacing;

import com.kustomergateway.application.deliver.Pauses;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.RequestBudget;
import com.kustomergateway.domain.port.DeliveryCoordination;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.domain.port.RequestPacing;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces every request to Kustomer against the org's budget, which all of the org's keys and apps share, and which
 * every gateway instance on one database spends as one: the schedule lives in {@link DeliveryCoordination}. Two
 * limits apply, the stricter one wins:
 * <ul>
 * <li>the gateway's own ceiling, {@code requestsPerWindow} per {@code window} (Kustomer's minute), as one request
 * every {@code window / requestsPerWindow} across all instances, so no window ever holds more than the ceiling;</li>
 * <li>what Kustomer says is left: the {@code x-ratelimit-remaining} requests are spread evenly until
 * {@code x-ratelimit-reset}, keeping a few in reserve for requests already under way. Seen by any instance, it paces
 * all of them. This uses nearly all of the budget other apps leave, without a 429.</li>
 * </ul>
 * When Kustomer says the budget is spent (a 429, or {@code x-ratelimit-remaining: 0}), no instance sends a request
 * until the reset it names. The Kustomer adapter waits here for each request's turn ({@link RequestPacing}); what
 * Kustomer's answers said comes back in the delivery's answer, and is acted on in one place, {@link #heed}; its pauses are
 * {@link Pauses}'s, where every pause is kept.
 */
@ApplicationScoped
public class RateGate implements RequestPacing {

    /** Requests that may be under way when a response says what is left; kept out of the spread. */
    static final int RESERVE = 4;
    /**
     * A slot is taken up to this far ahead and kept: its worker sleeps until it, and the next worker asks for the
     * following one meanwhile, so the shared schedule keeps its pace however slow the database or a waking thread
     * is on a busy machine. A pause set meanwhile lets through at most the requests of this much time.
     */
    static final Duration AHEAD = Duration.ofMillis(250);

    private final DeliveryCoordination coordination;
    private final Pauses pauses;
    private final Clock clock;
    private final Duration window;
    private final Duration spacing;
    private final int requestsPerWindow;
    /** Only one worker of this process asks the database for the next slot; the others queue here, in order. */
    private final ReentrantLock asking = new ReentrantLock(true);

    public RateGate(PacingSettings settings, DeliveryCoordination coordination, Pauses pauses, Clock clock) {
        this.coordination = coordination;
        this.pauses = pauses;
        this.clock = clock;
        this.window = settings.window();
        this.spacing = window.dividedBy(settings.requestsPerWindow());
        this.requestsPerWindow = settings.requestsPerWindow();
    }

    /** Waits until one more request may be sent now, and takes it from the budget. */
    @Override
    public void acquire() throws InterruptedException {
        DeliveryCoordination.Slot slot;
        asking.lockInterruptibly();
        try {
            slot = coordination.takeRequestSlot(spacing, window, AHEAD);
            while (!slot.taken()) {
                // Ask again once the slot is halfway within reach.
                sleep(min(slot.delay().minus(AHEAD.dividedBy(2)), Duration.ofSeconds(1)));
                slot = coordination.takeRequestSlot(spacing, window, AHEAD);
            }
        } finally {
            asking.unlock();
        }
        sleep(slot.delay());
    }

    /**
     * Takes one request from the budget if it may go now and returns 0, or returns how long to wait before asking
     * again; for tests.
     */
    long tryAcquire() {
        DeliveryCoordination.Slot slot = coordination.takeRequestSlot(spacing, window, Duration.ZERO);
        return slot.taken() ? 0 : Math.max(1, slot.delay().toMillis());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (duration.toNanos() > 0) {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        }
    }

    /**
     * What one delivery's answers mean for every request, on every instance: the budget Kustomer said is left is
     * {@linkplain #observe spread} (nothing left: a pause until the reset), and a 429 (the outcome
     * {@link DeliveryOutcome.RateLimited}) stops all requests until the time it names; the later pause wins. Returns
     * the end of the pause a 429 asked for.
     */
    public Optional<Instant> heed(KustomerPort.Delivery delivery, String whose) {
        RequestBudget budget = delivery.budget();
        observe(budget.remaining(), budget.reset());
        if (delivery.outcome() instanceof DeliveryOutcome.RateLimited limited) {
            pauseUntil(limited.until(), "Kustomer answered 429 to " + whose);
            return Optional.of(limited.until());
        }
        return Optional.empty();
    }

    /** Stops all requests, on every instance, until {@code until}; a later pause already in force is kept. */
    public void pauseUntil(Instant until, String reason) {
        pauses.rateLimited(until, reason);
    }

    /**
     * Takes in what Kustomer said of the budget on a response: when nothing remains, waits for the reset (or a
     * window, when Kustomer names none).
     */
    public void observe(OptionalInt remaining, Optional<Instant> reset) {
        if (remaining.isEmpty()) {
            return;
        }
        if (remaining.getAsInt() <= 0) {
            pauses.rateLimited(reset.orElse(clock.instant().plus(window)), "x-ratelimit-remaining is 0");
            return;
        }
        if (reset.isEmpty()) {
            return;
        }
        Duration untilReset = Duration.between(clock.instant(), reset.get());
        if (untilReset.isNegative() || untilReset.isZero()) {
            return;
        }
        int spendable = remaining.getAsInt() - RESERVE;
        // Only the reserve left: the next request waits for the window to turn rather than risk a 429.
        coordination.spread(spendable <= 0 ? untilReset : untilReset.dividedBy(spendable), reset.get(),
                remaining.getAsInt());
    }

    /** The budget's window: Kustomer's minute, unless configured shorter (tests). */
    public Duration window() {
        return window;
    }

    /** The gateway's own ceiling per window. */
    public int ceiling() {
        return requestsPerWindow;
    }
}
