package com.kustomergateway.bootstrap;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Outside dev and test, a gateway without an API key would accept writes it can never deliver, and one without its
 * database cannot accept any: refuse to start instead, with one sentence saying what to set. The checks run first
 * at startup (before {@link SchemaMigration} and {@link BackgroundWork}), so that sentence is the first and only error:
 * a {@link ConfigurationException} is what Quarkus prints as just its message. Dev mode starts without a key anyway
 * and reports it in its log and health.
 */
@ApplicationScoped
public class ProductionSafeguards {

    private final Optional<String> apiKey;
    private final Optional<String> jdbcUrl;
    private final Optional<String> username;
    private final Instance<AgroalDataSource> dataSource;

    public ProductionSafeguards(@ConfigProperty(name = "kustomer.api-key") Optional<String> apiKey,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            Instance<AgroalDataSource> dataSource) {
        this.apiKey = apiKey;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.dataSource = dataSource;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        if (apiKey.filter(k -> !k.isBlank()).isEmpty()) {
            throw new ConfigurationException("KUSTOMER_API_KEY is not set: the gateway cannot deliver to Kustomer "
                    + "without it. Set KUSTOMER_API_KEY (and KUSTOMER_BASE_URL for a non-US org) and start again.");
        }
        String url = jdbcUrl.filter(u -> !u.isBlank()).orElseThrow(() -> new ConfigurationException(
                "QUARKUS_DATASOURCE_JDBC_URL is not set: the gateway keeps every change in PostgreSQL before it "
                        + "answers. Set QUARKUS_DATASOURCE_JDBC_URL (jdbc:postgresql://host:5432/database), "
                        + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD and start again."));
        try (Connection connection = dataSource.get().getConnection()) {
            connection.isValid(5);
        } catch (SQLException | RuntimeException e) {
            throw new ConfigurationException("Cannot reach the database at " + withoutParameters(url)
                    + username.map(u -> " as " + u).orElse("") + ": " + rootMessage(e) + ". Check "
                    + "QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD, "
                    + "and that PostgreSQL is up, then start again.");
        }
    }

    /** A JDBC URL may carry a password among its parameters; the message never does. */
    private static String withoutParameters(String url) {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage()).strip();
    }
}
