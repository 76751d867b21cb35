package com.kustomergateway.dev;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev and test defaults fill only what nothing else sets, and nothing at all in production. The demo key goes to
 * the HOME surefire gives these tests (target/test-home).
 */
class DevDefaultsTest {

    @Test
    void leavesAConfiguredDatabaseAndIdentityProviderAlone() {
        SmallRyeConfig config = config("dev", Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example.test/gateway",
                "mp.jwt.verify.issuer", "https://login.example.test/",
                "mp.jwt.verify.publickey.location", "https://login.example.test/jwks.json"));

        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class))
                .isEqualTo("jdbc:postgresql://db.example.test/gateway");
        assertThat(config.getOptionalValue("quarkus.datasource.devservices.enabled", String.class)).isEmpty();
        assertThat(config.getValue("mp.jwt.verify.issuer", String.class)).isEqualTo("https://login.example.test/");
        assertThat(config.getOptionalValue("mp.jwt.verify.publickey", String.class)).isEmpty();
    }

    @Test
    void givesDevModeTheDemoKeyToCheckTokensWith() {
        SmallRyeConfig config = config("dev", Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/gateway"));

        assertThat(config.getValue("mp.jwt.verify.issuer", String.class)).isEqualTo("kustomer-gateway-demo");
        assertThat(config.getValue("mp.jwt.verify.publickey", String.class))
                .isEqualTo(new DevCallers(Path.of(System.getenv("HOME"), ".kustomer-gateway-demo"), "kustomer-gateway-demo")
                        .publicKey());
    }

    @Test
    void givesNoKeyWhereDevModeWasToldToRunOpen() {
        SmallRyeConfig config = config("dev", Map.of("quarkus.security.auth.enabled-in-dev-mode", "false"));

        assertThat(config.getOptionalValue("mp.jwt.verify.issuer", String.class)).isEmpty();
    }

    @Test
    void givesTheTestsADatabaseButNoKey() {
        SmallRyeConfig config = config("test", Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.devservices.enabled", "false"));

        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class)).isEqualTo(EmbeddedDatabase.jdbcUrl());
        assertThat(config.getValue("quarkus.datasource.username", String.class)).isEqualTo("postgres");
        assertThat(config.getOptionalValue("mp.jwt.verify.issuer", String.class)).isEmpty();
    }

    @Test
    void givesProductionNothing() {
        SmallRyeConfig config = config("prod", Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.devservices.enabled", "false"));

        assertThat(config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)).isEmpty();
        assertThat(config.getOptionalValue("mp.jwt.verify.issuer", String.class)).isEmpty();
    }

    private static SmallRyeConfig config(String profile, Map<String, String> configured) {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(configured, "application.properties", 250))
                .withSources(new DevDefaults())
                .build();
    }
}
