package com.kustomergateway.testing;

import com.kustomergateway.dev.EmbeddedDatabase;

import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL the tests use: the one {@code QUARKUS_DATASOURCE_*} names; else, for Quarkus tests, one that Dev
 * Services start where a container engine answers; else this JVM's embedded one ({@link EmbeddedDatabase}). Tests
 * that start the packaged gateway themselves take {@link #url()}, {@link #user()} and {@link #password()}: the
 * configured database, else the embedded one.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Optional<String> configuredUrl() {
        return env("QUARKUS_DATASOURCE_JDBC_URL");
    }

    public static String url() {
        return configuredUrl().orElseGet(EmbeddedDatabase::jdbcUrl);
    }

    public static String user() {
        return configuredUrl().isPresent() ? env("QUARKUS_DATASOURCE_USERNAME").orElse("postgres") : EmbeddedDatabase.USER;
    }

    public static String password() {
        return configuredUrl().isPresent() ? env("QUARKUS_DATASOURCE_PASSWORD").orElse("postgres")
                : EmbeddedDatabase.PASSWORD;
    }

    /**
     * What a Quarkus test, or the packaged gateway a {@code @QuarkusIntegrationTest} starts, must be told to have a
     * database: nothing where one is configured or Dev Services start one, the embedded one otherwise.
     */
    public static Map<String, String> quarkusSettings() {
        boolean devServices = env("QUARKUS_DATASOURCE_DEVSERVICES_ENABLED").map(Boolean::parseBoolean).orElse(true)
                && env("QUARKUS_DEVSERVICES_ENABLED").map(Boolean::parseBoolean).orElse(true);
        if (!EmbeddedDatabase.needed(configuredUrl(), devServices)) {
            return Map.of();
        }
        return Map.of("quarkus.datasource.jdbc.url", EmbeddedDatabase.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", EmbeddedDatabase.PASSWORD);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
