package com.kustomergateway.domain.operation;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long a transient failure waits before the next try, and how many tries an operation gets: exponential
 * backoff from {@code initialBackoff}, capped at {@code maxBackoff}, with "equal jitter" (half the delay fixed,
 * half random) so that operations failed by one outage do not all come back in the same instant.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, DoubleSupplier random) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and maxBackoff at least initialBackoff");
        }
        Objects.requireNonNull(random, "random");
    }

    /** Whether an operation that has failed {@code failedAttempts} times may be tried again. */
    public boolean allowsAnotherAttempt(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /** The wait after the {@code failedAttempts}-th failure (1 for the first). */
    public Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long full = (long) Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * Math.pow(2, doublings));
        long half = full / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (full - half)));
    }
}
