package com.kustomergateway.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The use cases' {@code gateway.*} settings, each declared here once with its default (the adapters declare their
 * own the same way). The README's Configuration table says what each is for; {@code SettingsTest} keeps it equal to
 * these declarations.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewaySettings {

    /** How long a mutation waits for its delivery before answering with the status it has. */
    @WithDefault("2s")
    Duration awaitWindow();

    Relay relay();

    Retry retry();

    Pacing kustomer();

    Audit audit();

    Retention retention();

    /** The delivery relay. */
    interface Relay {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("8")
        int concurrency();

        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("2m")
        Duration lease();

        @WithDefault("30s")
        Duration credentialsRecheck();

        @WithDefault("10s")
        Duration shutdownGrace();
    }

    /** Retries of failed deliveries: exponential backoff with jitter, then FAILED. */
    interface Retry {
        @WithDefault("10")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();
    }

    /** How fast the gateway sends to Kustomer. */
    interface Pacing {
        @WithDefault("250")
        int requestsPerMinute();

        /** The window requestsPerMinute counts in: Kustomer's minute; the fault tests shorten it. */
        @WithDefault("1m")
        Duration rateWindow();

        @WithDefault("120")
        int creationsPerCustomer();

        @WithDefault("1m")
        Duration creationsWindow();
    }

    /** The audit queries. */
    interface Audit {
        @WithDefault("10000")
        long countCap();
    }

    /** Purging settled operations. */
    interface Retention {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("90d")
        Duration maxAge();

        @WithDefault("500")
        int batchSize();

        @WithDefault("1h")
        Duration interval();
    }
}
