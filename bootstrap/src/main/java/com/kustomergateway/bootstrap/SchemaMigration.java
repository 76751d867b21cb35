package com.kustomergateway.bootstrap;

import io.quarkus.runtime.StartupEvent;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.flywaydb.core.Flyway;

/**
 * Brings the outbox schema up to date at startup: after {@link ProductionSafeguards} has made sure the database can
 * be reached (Quarkus's own migrate-at-start would run before it, and fail with Flyway's stack trace instead of a
 * sentence), and before {@link BackgroundWork} starts the delivery relay (observers of one event run in order of
 * priority).
 */
@ApplicationScoped
public class SchemaMigration {

    private final Flyway flyway;

    public SchemaMigration(Flyway flyway) {
        this.flyway = flyway;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) StartupEvent event) {
        flyway.migrate();
    }
}
