package com.kustomergateway.bootstrap;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where no database is named, Quarkus leaves the datasource inactive, and this leaves Hibernate's persistence unit
 * inactive with it: started, the unit would stop the gateway with Quarkus's own account of the missing datasource
 * before {@link ProductionSafeguards} could say in one sentence what to set. Not in dev mode and the tests, whose
 * database Dev Services or dev-support name after this has looked. Anything configured wins.
 *
 * <p>It says {@code true} as well as {@code false}: the build also reads this source, and Quarkus keeps what it read
 * there as a default, so a gateway built where no database was named would otherwise start with its unit inactive.
 */
public class PersistenceWithoutDatabase implements ConfigSourceFactory {

    /** Below every configuration source Quarkus reads, {@code application.properties} (250) included. */
    static final int ORDINAL = 40;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean named = Optional.ofNullable(context.getValue("quarkus.datasource.jdbc.url"))
                .map(ConfigValue::getValue).filter(url -> !url.isBlank()).isPresent();
        if (profiles.contains("dev") || profiles.contains("test")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of("quarkus.hibernate-orm.active", String.valueOf(named)),
                "kustomer-gateway persistence without a database", ORDINAL));
    }
}
