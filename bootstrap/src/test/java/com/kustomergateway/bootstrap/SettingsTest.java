package com.kustomergateway.bootstrap;

import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaParameter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@code gateway.*} setting is declared once, with its default, in a {@code @ConfigMapping} of the module that
 * reads it; the README's Configuration table, {@code application.properties} and {@code docker-compose.yml} agree with
 * those declarations, so a default is written down in one place only.
 */
class SettingsTest {

    static final Path README = Path.of("..", "README.md");
    static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    static final String NONE = "none";

    /** Every gateway.* setting the code declares, by environment variable, with its default ({@link #NONE}). */
    static Map<String, String> declared() {
        Map<String, String> settings = new TreeMap<>();
        ArchitectureTest.GATEWAY.stream()
                .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                .forEach(c -> {
                    String prefix = c.getAnnotationOfType(ConfigMapping.class).prefix();
                    if (prefix.startsWith("gateway")) {
                        collect(c.reflect(), prefix, settings);
                    }
                });
        return settings;
    }

    private static void collect(Class<?> mapping, String prefix, Map<String, String> settings) {
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + "." + kebab(method.getName());
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == mapping) {
                collect(method.getReturnType(), name, settings);
                continue;
            }
            WithDefault fallback = method.getAnnotation(WithDefault.class);
            assertThat(fallback != null || method.getReturnType() == Optional.class)
                    .as("%s has a default, or is optional", name).isTrue();
            String previous = settings.put(environment(name), fallback == null ? NONE : fallback.value());
            assertThat(previous).as("%s declared twice", name).isNull();
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String environment(String property) {
        return property.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    @Test
    void everySettingIsDeclared() {
        assertThat(declared()).containsEntry("GATEWAY_AWAIT_WINDOW", "2s")
                .containsEntry("GATEWAY_RELAY_CONCURRENCY", "8")
                .containsEntry("GATEWAY_KUSTOMER_BULK_TIMEOUT", "60s")
                .containsEntry("GATEWAY_GRAPHQL_MAX_DEPTH", "10")
                .containsEntry("GATEWAY_GRAPHQL_ALLOW_LIST", NONE)
                .containsEntry("GATEWAY_SUBSCRIPTION_POLL_INTERVAL", "2s");
    }

    @Test
    void noClassReadsAGatewaySettingByNameAndDefaultOfItsOwn() {
        assertThat(ArchitectureTest.GATEWAY.stream()
                .flatMap(c -> c.getCodeUnits().stream())
                .filter(SettingsTest::readsAGatewaySetting)
                .map(JavaCodeUnit::getFullName))
                .as("@ConfigProperty(name = \"gateway.…\"): declare it in the module's @ConfigMapping instead")
                .isEmpty();
    }

    private static boolean readsAGatewaySetting(JavaCodeUnit unit) {
        return unit.getParameters().stream().map(JavaParameter::getAnnotations).flatMap(Set::stream)
                .filter(a -> a.getRawType().isEquivalentTo(ConfigProperty.class))
                .anyMatch(a -> String.valueOf(a.get("name").orElse("")).startsWith("gateway."));
    }

    @Test
    void theReadmeTableNamesEverySettingWithItsDefaultAndNoOther() throws IOException {
        String readme = Files.readString(README);
        String configuration = readme.substring(readme.indexOf("## Configuration"),
                readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(GATEWAY_[A-Z_]+)` \\| (?:`([^`]*)`|(none)) \\|").matcher(configuration);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) != null ? row.group(2) : NONE);
        }

        assertThat(documented).containsExactlyInAnyOrderEntriesOf(declared());
    }

    @Test
    void applicationPropertiesRepeatsNoDefaultOnlyProfilesSetThem() throws IOException {
        assertThat(Files.readAllLines(PROPERTIES))
                .filteredOn(line -> line.startsWith("gateway."))
                .as("gateway.* outside a profile: its default is in its @ConfigMapping")
                .isEmpty();
    }

    @Test
    void composeFallsBackToTheDeclaredDefaults() throws IOException {
        Map<String, String> declared = declared();
        Matcher variable = Pattern.compile("\\$\\{(GATEWAY_[A-Z_]+):-([^}]*)}").matcher(Files.readString(COMPOSE));
        int checked = 0;
        while (variable.find()) {
            if (declared.containsKey(variable.group(1))) {
                assertThat(variable.group(2)).as(variable.group(1)).isEqualTo(declared.get(variable.group(1)));
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void namesAreReadTheWaySmallRyeMapsThem() {
        assertThat(kebab("requestsPerMinute")).isEqualTo("requests-per-minute");
        assertThat(environment("gateway.relay.shutdown-grace")).isEqualTo("GATEWAY_RELAY_SHUTDOWN_GRACE");
    }
}
