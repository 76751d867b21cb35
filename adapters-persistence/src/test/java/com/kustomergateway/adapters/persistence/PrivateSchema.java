package com.kustomergateway.adapters.persistence;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs the tests in a schema of their own, migrated by Flyway and dropped afterwards. The database is shared with
 * other modules' tests, whose relays claim every due operation: in one schema, they would deliver ours and we
 * would claim theirs.
 */
public class PrivateSchema implements QuarkusTestResourceLifecycleManager {

    private final String schema = "outbox_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", schema,
                "quarkus.flyway.schemas", schema);
    }

    /** Dev Services' database goes away by itself; only a database given through the environment needs this. */
    @Override
    public void stop() {
        Optional<String> url = Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
        if (url.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url.get(),
                System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
