package com.kustomergateway.application;

import com.kustomergateway.application.deliver.RelaySettings;
import com.kustomergateway.application.pacing.PacingSettings;
import com.kustomergateway.application.submit.SubmitSettings;
import com.kustomergateway.domain.operation.RetryPolicy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The delivery classes take plain values, so each is built one way, by CDI and by a test alike; this turns the
 * {@code gateway.*} settings ({@link GatewaySettings}, where each is declared once with its default) into them.
 */
@ApplicationScoped
public class SettingsValues {

    @Produces
    @Singleton
    RelaySettings relay(GatewaySettings settings) {
        GatewaySettings.Relay relay = settings.relay();
        return new RelaySettings(relay.enabled(), relay.concurrency(), relay.pollInterval(), relay.lease(),
                relay.credentialsRecheck(), relay.shutdownGrace());
    }

    @Produces
    @Singleton
    PacingSettings pacing(GatewaySettings settings) {
        GatewaySettings.Pacing pacing = settings.kustomer();
        return new PacingSettings(pacing.requestsPerMinute(), pacing.rateWindow(), pacing.creationsPerCustomer(),
                pacing.creationsWindow());
    }

    @Produces
    @Singleton
    SubmitSettings submit(GatewaySettings settings) {
        return new SubmitSettings(settings.awaitWindow());
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(GatewaySettings settings) {
        GatewaySettings.Retry retry = settings.retry();
        return new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
