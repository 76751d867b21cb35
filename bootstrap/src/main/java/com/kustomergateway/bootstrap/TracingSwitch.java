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
 * Tracing is off until there is somewhere to send traces: without {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * its traces-only variant), the OpenTelemetry SDK is disabled, so no span is made, no header read and nothing
 * exported to a collector that is not there. Setting an endpoint switches it on; {@code QUARKUS_OTEL_SDK_DISABLED}
 * set either way still wins, as every source Quarkus reads is above this one.
 */
public class TracingSwitch implements ConfigSourceFactory {

    /** Below every configuration source Quarkus reads, {@code application.properties} (250) included. */
    static final int ORDINAL = 50;
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean endpointSet = ENDPOINTS.stream().anyMatch(name -> set(context, name));
        // Said either way: the build records the value it saw (no endpoint) among the packaged app's defaults.
        Map<String, String> values = Map.of("quarkus.otel.sdk.disabled", Boolean.toString(!endpointSet));
        return List.of(new PropertiesConfigSource(values, "kustomer-gateway tracing switch", ORDINAL));
    }

    private static boolean set(ConfigSourceContext context, String name) {
        return Optional.ofNullable(context.getValue(name)).map(ConfigValue::getValue).filter(v -> !v.isBlank())
                .isPresent();
    }
}
