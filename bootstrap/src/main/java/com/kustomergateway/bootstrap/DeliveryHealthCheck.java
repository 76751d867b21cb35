package com.kustomergateway.bootstrap;

import com.kustomergateway.application.deliver.DeliveryRelay;
import com.kustomergateway.application.deliver.RelayStatus;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness says whether the gateway delivers to Kustomer. A rate-limit pause is normal operation (up); a missing
 * or refused API key is not (down), and the check says why in words.
 */
@Readiness
@ApplicationScoped
public class DeliveryHealthCheck implements HealthCheck {

    private final DeliveryRelay relay;

    public DeliveryHealthCheck(DeliveryRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        RelayStatus status = relay.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kustomer-delivery")
                .status(status.isDelivering())
                .withData("state", status.state().name());
        status.reason().ifPresent(reason -> response.withData("reason", reason));
        status.until().ifPresent(until -> response.withData("until", until.toString()));
        return response.build();
    }
}
