package com.kustomergateway.dev;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What dev mode and the tests are given where nothing is configured, so that they start on a machine with only Java
 * and Maven: a database (the embedded PostgreSQL, where Dev Services cannot start one) and, in dev mode, callers
 * (the demo key, see {@link DevCallers}). It gives nothing the environment, a system property or
 * {@code application.properties} sets, and nothing at all outside dev and test: the packaged gateway does not even
 * contain it (bootstrap takes this module in provided scope), and still refuses to start without a database.
 */
public class DevDefaults implements ConfigSourceFactory {

    /** Below every configuration source Quarkus reads, {@code application.properties} (250) included. */
    static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        Map<String, String> defaults = new HashMap<>();
        if (profiles.contains("dev") || profiles.contains("test")) {
            database(context, defaults);
        }
        if (profiles.contains("dev")) {
            callers(context, defaults);
        }
        return List.of(new PropertiesConfigSource(defaults, "kustomer-gateway dev defaults", ORDINAL));
    }

    private static void database(ConfigSourceContext context, Map<String, String> defaults) {
        boolean wantsPostgres = value(context, "quarkus.datasource.db-kind").filter("postgresql"::equals).isPresent();
        boolean devServices = value(context, "quarkus.datasource.devservices.enabled").map(Boolean::parseBoolean)
                .orElse(true) && value(context, "quarkus.devservices.enabled").map(Boolean::parseBoolean).orElse(true);
        if (wantsPostgres && EmbeddedDatabase.needed(value(context, "quarkus.datasource.jdbc.url"), devServices)) {
            defaults.put("quarkus.datasource.jdbc.url", EmbeddedDatabase.jdbcUrl());
            defaults.put("quarkus.datasource.username", EmbeddedDatabase.USER);
            defaults.put("quarkus.datasource.password", EmbeddedDatabase.PASSWORD);
            defaults.put("quarkus.datasource.devservices.enabled", "false");
            if (!Docker.answers()) {
                // Quarkus still asks Testcontainers whether a container engine is there, which answers with an
                // ERROR and a list of what it tried. It is known and said already (EmbeddedDatabase's INFO line).
                defaults.put("quarkus.log.category.\"org.testcontainers\".level", "OFF");
            }
        }
    }

    /** Only where no identity provider is named and tokens are checked, as they are unless told otherwise. */
    private static void callers(ConfigSourceContext context, Map<String, String> defaults) {
        boolean authenticates = value(context, "quarkus.security.auth.enabled-in-dev-mode").map(Boolean::parseBoolean)
                .orElse(true);
        boolean providerNamed = value(context, "mp.jwt.verify.issuer").isPresent()
                || value(context, "mp.jwt.verify.publickey").isPresent()
                || value(context, "mp.jwt.verify.publickey.location").isPresent();
        if (authenticates && !providerNamed) {
            DevCallers callers = DevCallers.demo();
            defaults.put("mp.jwt.verify.issuer", callers.issuer());
            defaults.put("mp.jwt.verify.publickey", callers.publicKey());
        }
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        return Optional.ofNullable(context.getValue(name)).map(ConfigValue::getValue).filter(v -> !v.isBlank());
    }
}
