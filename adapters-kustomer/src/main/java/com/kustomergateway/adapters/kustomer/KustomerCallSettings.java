package com.kustomergateway.adapters.kustomer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The Kustomer adapter's {@code gateway.kustomer.*} settings, each declared here once with its default (the pace of
 * requests is the application's, {@code GatewaySettings}). The README's Configuration table says what each is for.
 */
@ConfigMapping(prefix = "gateway.kustomer")
public interface KustomerCallSettings {

    /** Declare custom attributes on the customer or Klass before the first change that writes them. */
    @WithDefault("true")
    boolean declareAttributes();

    /** How often a bulk creation job's status is read. */
    @WithDefault("500ms")
    Duration bulkPollInterval();

    /** How long a bulk creation job may take before the attempt gives up on it. */
    @WithDefault("60s")
    Duration bulkTimeout();
}
