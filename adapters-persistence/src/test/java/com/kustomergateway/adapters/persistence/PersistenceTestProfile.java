package com.kustomergateway.adapters.persistence;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * This module's test configuration. A profile rather than a test application.properties, because this module's
 * test classes travel to other modules (with {@link PrivateSchema}), and a properties file would travel with them.
 */
public class PersistenceTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.flyway.migrate-at-start", "true",
                // Flyway writes the schema; Hibernate checks that its entities match it, before the first test.
                "quarkus.hibernate-orm.schema-management.strategy", "validate",
                // Application beans need ports this module does not provide.
                "quarkus.arc.exclude-types", "com.kustomergateway.application.**",
                // Room for the concurrency tests' threads, each holding a connection in its own transaction.
                "quarkus.datasource.jdbc.max-size", "25");
    }
}
