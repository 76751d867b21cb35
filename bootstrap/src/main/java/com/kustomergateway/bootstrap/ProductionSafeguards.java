package com.kustomergateway.bootstrap;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Outside dev and test, a gateway without an API key would accept writes it can never deliver: refuse to start
 * instead, and say what to set. Dev mode starts anyway and reports the missing key in its log and health.
 */
@ApplicationScoped
public class ProductionSafeguards {

    private final Optional<String> apiKey;

    public ProductionSafeguards(@ConfigProperty(name = "kustomer.api-key") Optional<String> apiKey) {
        this.apiKey = apiKey;
    }

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && apiKey.filter(k -> !k.isBlank()).isEmpty()) {
            throw new IllegalStateException("KUSTOMER_API_KEY is not set: the gateway cannot deliver to Kustomer "
                    + "without it. Set KUSTOMER_API_KEY (and KUSTOMER_BASE_URL for a non-US org) and start again.");
        }
    }
}
