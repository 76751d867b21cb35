package com.kustomergateway.adapters.kustomer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Where Kustomer is and the key to use there ({@code KUSTOMER_BASE_URL}, {@code KUSTOMER_API_KEY}). A key works only
 * in its own region, so the base URL is the org's host or its region's.
 */
@ConfigMapping(prefix = "kustomer")
public interface KustomerSettings {

    /** Read by the REST client through {@code quarkus.rest-client.kustomer.url=${kustomer.base-url}}. */
    @WithDefault("https://api.kustomerapp.com")
    String baseUrl();

    Optional<String> apiKey();
}
