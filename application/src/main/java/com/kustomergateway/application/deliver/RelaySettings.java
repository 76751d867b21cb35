package com.kustomergateway.application.deliver;

import java.time.Duration;

/**
 * How the relay runs, as plain values; each is a {@code gateway.relay.*} setting
 * ({@link com.kustomergateway.application.GatewaySettings.Relay}).
 */
public record RelaySettings(boolean enabled, int concurrency, Duration pollInterval, Duration lease,
        Duration credentialsRecheck, Duration shutdownGrace) {
}
