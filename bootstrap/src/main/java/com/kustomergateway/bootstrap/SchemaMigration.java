package com.kustomergateway.bootstrap;

import org.flywaydb.core.Flyway;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;

/**
 * Brings the outbox schema up to date at startup: after {@link ProductionSafeguards} has made sure the database can
 * be reached (Quarkus's own migrate-at-start would run before it, and fail with Flyway's stack trace instead of a
 * sentence), and before the delivery relay claims anything.
 */
@ApplicationScoped
public class SchemaMigration {

    private final Flyway flyway;

    public SchemaMigration(Flyway flyway) {
        this.flyway = flyway;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) Startup event) {
        flyway.migrate();
    }
}
