package com.kustomergateway.adapters.persistence;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A gateway upgraded over an existing outbox keeps what the older schema held. */
@QuarkusTest
@TestProfile(PersistenceTestProfile.class)
@WithTestResource(PrivateSchema.class)
class UpgradingTheSchemaTest {

    private final String schema = "upgrade_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Inject
    DataSource dataSource;

    @AfterEach
    void dropTheSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void attributesDeclaredOnKlassesBeforeCustomerAttributesExistedStayDeclaredOnTheirKlass() throws SQLException {
        migrateTo("3");
        execute("INSERT INTO " + schema + ".klass_attribute (klass, attribute, declared_at) "
                + "VALUES ('customer', 'tierStr', now()), ('Orders', 'totalNum', now())");

        migrateTo("4");

        assertThat(rows("SELECT owner || ' ' || attribute FROM " + schema + ".declared_attribute ORDER BY 1"))
                .containsExactly("kobject.Orders totalNum", "kobject.customer tierStr");
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration")
                .target(version).load().migrate();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
