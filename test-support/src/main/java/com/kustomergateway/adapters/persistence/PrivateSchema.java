package com.kustomergateway.adapters.persistence;

import com.kustomergateway.testing.TestDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the tests in a schema of their own, migrated by Flyway and dropped afterwards, in the {@link TestDatabase}.
 * The database is shared with other modules' tests, whose relays claim every due operation: in one schema, they
 * would deliver ours and we would claim theirs.
 */
public class PrivateSchema implements QuarkusTestResourceLifecycleManager {

    private final String schema = "outbox_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(TestDatabase.quarkusSettings());
        settings.put("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", schema);
        settings.put("quarkus.flyway.schemas", schema);
        return settings;
    }

    /** Dev Services' database and the embedded one go away by themselves; only a configured database needs this. */
    @Override
    public void stop() {
        if (TestDatabase.configuredUrl().isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(),
                TestDatabase.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
