package com.kustomergateway.application.pacing;

import java.time.Duration;

/**
 * How fast the gateway sends to Kustomer, as plain values ({@code gateway.kustomer.*}, see
 * {@link com.kustomergateway.application.GatewaySettings.Pacing}).
 *
 * @param requestsPerWindow    the gateway's own ceiling of requests per {@code window}, all instances together
 * @param window               the window that ceiling counts in: Kustomer's minute, unless configured shorter (tests)
 * @param creationsPerCustomer what one customer (and one conversation) may receive per {@code creationsWindow}
 * @param creationsWindow      the window of {@code creationsPerCustomer}
 */
public record PacingSettings(int requestsPerWindow, Duration window, int creationsPerCustomer,
        Duration creationsWindow) {

    public PacingSettings {
        if (requestsPerWindow < 1) {
            throw new IllegalArgumentException("gateway.kustomer.requests-per-minute must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("gateway.kustomer.rate-window must be positive");
        }
        if (creationsPerCustomer < 1) {
            throw new IllegalArgumentException("gateway.kustomer.creations-per-customer must be at least 1");
        }
    }
}
