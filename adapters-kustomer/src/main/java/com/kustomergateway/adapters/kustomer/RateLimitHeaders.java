package com.kustomergateway.adapters.kustomer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads what Kustomer says of its rate limit. Kustomer does not document the unit of {@code x-ratelimit-reset}, so
 * the size of the number decides: past 10^12 it is epoch milliseconds, past 10^9 epoch seconds (one public client
 * reads it so), and anything smaller a number of seconds from now.
 */
final class RateLimitHeaders {

    private static final double EPOCH_MILLIS_FROM = 1e12;
    private static final double EPOCH_SECONDS_FROM = 1e9;

    private RateLimitHeaders() {
    }

    static OptionalInt remaining(String header) {
        if (header == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static Optional<Instant> reset(String header, Instant now) {
        return number(header).map(value -> {
            double number = value;
            if (number >= EPOCH_MILLIS_FROM) {
                return Instant.ofEpochMilli((long) number);
            }
            if (number >= EPOCH_SECONDS_FROM) {
                return Instant.ofEpochMilli((long) (number * 1000));
            }
            return now.plusMillis((long) (Math.max(0, number) * 1000));
        });
    }

    /** {@code Retry-After} is either a number of seconds or an HTTP date. */
    static Optional<Instant> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Optional<Double> seconds = number(header);
        if (seconds.isPresent()) {
            return Optional.of(now.plus(Duration.ofMillis((long) (Math.max(0, seconds.get()) * 1000))));
        }
        try {
            return Optional.of(ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(header.strip());
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
