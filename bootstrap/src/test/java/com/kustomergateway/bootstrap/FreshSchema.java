package com.kustomergateway.bootstrap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the end-to-end tests an outbox of their own: a fresh schema, migrated by Flyway at start and dropped at
 * the end. Nothing left by an earlier run (or another module's tests) is delivered to this run's stand-in, and
 * row counts mean what the tests say.
 */
public class FreshSchema implements QuarkusTestResourceLifecycleManager {

    private final String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", schema,
                "quarkus.flyway.schemas", schema);
    }

    @Override
    public void stop() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url == null) {
            return; // a Dev Services database goes away by itself
        }
        try (Connection connection = DriverManager.getConnection(url, System.getenv("QUARKUS_DATASOURCE_USERNAME"),
                System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
