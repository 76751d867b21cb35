package com.kustomergateway.bootstrap;

import com.kustomergateway.application.delivery.DeliveryRelay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the relay while the application is up: started once everything it uses is ready (Flyway has migrated, the
 * REST client is configured), stopped first at shutdown, while the database is still there to take back leases.
 */
@ApplicationScoped
public class RelayLifecycle {

    private final DeliveryRelay relay;

    public RelayLifecycle(DeliveryRelay relay) {
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        relay.startIfEnabled();
    }

    void onStop(@Observes ShutdownEvent event) {
        relay.stop();
    }
}
