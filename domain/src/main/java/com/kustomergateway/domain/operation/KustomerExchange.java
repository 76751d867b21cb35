package com.kustomergateway.domain.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request the gateway sent Kustomer and what came back, kept so an operator can see exactly what was
 * said. {@code requestBody} is empty for a request without one; {@code status} is empty when no answer came.
 * Never holds the API key.
 */
public record KustomerExchange(Instant startedAt, Duration duration, String method, String path,
        Optional<String> requestBody, Optional<Integer> status, Optional<String> responseBody) {

    public KustomerExchange {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestBody, "requestBody");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(responseBody, "responseBody");
    }
}
