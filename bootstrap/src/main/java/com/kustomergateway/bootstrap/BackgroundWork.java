package com.kustomergateway.bootstrap;

import com.kustomergateway.application.deliver.DeliveryRelay;
import com.kustomergateway.application.retain.Retention;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the background work while the application is up: the relay and the retention purge start once everything
 * they use is ready (Flyway has migrated, the REST client is configured) and stop first at shutdown, while the
 * database is still there to take back leases.
 */
@ApplicationScoped
public class BackgroundWork {

    private final DeliveryRelay relay;
    private final Retention retention;

    public BackgroundWork(DeliveryRelay relay, Retention retention) {
        this.relay = relay;
        this.retention = retention;
    }

    void onStart(@Observes StartupEvent event) {
        relay.startIfEnabled();
        retention.startIfEnabled();
    }

    void onStop(@Observes ShutdownEvent event) {
        retention.stop();
        relay.stop();
    }
}
