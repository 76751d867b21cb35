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
 * its traces-only variant), the OpenTelemetry SDK and the HTTP server's instrumentation are off, so no span is
 * made, no header read and nothing exported to a collector that is not there. Setting an endpoint switches both on;
 * {@code QUARKUS_OTEL_SDK_DISABLED} or {@code QUARKUS_OTEL_INSTRUMENT_VERTX_HTTP} set either way still win, as every
 * source Quarkus reads is above this one.
 */
public class TracingSwitch implements ConfigSourceFactory {

    /** Below every configuration source Quarkus reads, {@code application.properties} (250) included. */
    static final int ORDINAL = 50;
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean endpointSet = ENDPOINTS.stream().anyMatch(name -> set(context, name));
        // A disabled SDK is still a tracer that samples everything and exports nothing, and Quarkus's HTTP server
        // instrumentation keeps making its spans (and metrics exemplars) with it: so it goes off too. Both said
        // either way, as the build records the values it saw (no endpoint) among the packaged app's defaults.
        Map<String, String> values = Map.of("quarkus.otel.sdk.disabled", Boolean.toString(!endpointSet),
                "quarkus.otel.instrument.vertx-http", Boolean.toString(endpointSet));
        return List.of(new PropertiesConfigSource(values, "kustomer-gateway tracing switch", ORDINAL));
    }

    /** Set by the operator: Quarkus's own default endpoint (localhost:4317) does not count. */
    private static boolean set(ConfigSourceContext context, String name) {
        return Optional.ofNullable(context.getValue(name)).filter(value -> value.getConfigSourceOrdinal() > ORDINAL)
                .map(ConfigValue::getValue).filter(value -> !value.isBlank()).isPresent();
    }
}
