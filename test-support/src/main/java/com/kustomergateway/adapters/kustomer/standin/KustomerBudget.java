package com.kustomergateway.adapters.kustomer.standin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Kustomer's org-wide budget: {@code limit} requests per fixed window, announced in the {@code x-ratelimit-*}
 * headers of every answer, and a 429 for each request past it.
 */
final class KustomerBudget {
    static final KustomerBudget GENEROUS = new KustomerBudget(1_000_000, Duration.ofMinutes(1), false);

    final int limit;
    final Duration window;
    final boolean enforced;
    /** Windows turn on whole seconds, so the reset announced in epoch seconds is exact. */
    Instant windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    int used;

    KustomerBudget(int limit, Duration window, boolean enforced) {
        this.limit = limit;
        this.window = window;
        this.enforced = enforced;
    }

    /** Counts a request; false when the window's budget was spent already. */
    synchronized boolean take() {
        roll();
        if (used >= limit) {
            return false;
        }
        used++;
        return true;
    }

    synchronized int remaining() {
        roll();
        return Math.max(0, limit - used);
    }

    synchronized Instant reset() {
        roll();
        return windowStart.plus(window);
    }

    private void roll() {
        Instant now = Instant.now();
        while (!now.isBefore(windowStart.plus(window))) {
            windowStart = windowStart.plus(window);
            used = 0;
        }
    }
}
