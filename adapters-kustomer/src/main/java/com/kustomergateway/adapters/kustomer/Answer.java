package com.kustomergateway.adapters.kustomer;

import java.time.Instant;
import java.util.Optional;

/**
 * One answer Kustomer gave.
 *
 * @param retryAfter     when {@code Retry-After} says to come back, if it said
 * @param rateLimitReset when {@code x-ratelimit-reset} says the budget refills, if it said
 */
record Answer(int status, String body, Optional<Instant> retryAfter, Optional<Instant> rateLimitReset) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
