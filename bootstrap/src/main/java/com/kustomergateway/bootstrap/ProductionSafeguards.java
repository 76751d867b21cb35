package com.kustomergateway.bootstrap;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Outside dev and test, a gateway that cannot deliver, or that cannot tell its callers apart, must not start: it
 * refuses and says what to set. Without an API key it would accept writes it can never deliver; without an issuer
 * and a key to verify tokens with, it could not know who is calling. Dev mode starts anyway, reports a missing API
 * key in its log and health, and may run without tokens when told to, saying so loudly on every start.
 */
@ApplicationScoped
public class ProductionSafeguards {

    private static final Logger LOG = Logger.getLogger(ProductionSafeguards.class);

    private final Optional<String> apiKey;
    private final Optional<String> issuer;
    private final Optional<String> publicKey;
    private final Optional<String> publicKeyLocation;
    private final boolean authInDevMode;

    public ProductionSafeguards(@ConfigProperty(name = "kustomer.api-key") Optional<String> apiKey,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> publicKey,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKeyLocation,
            @ConfigProperty(name = "quarkus.security.auth.enabled-in-dev-mode", defaultValue = "true")
            boolean authInDevMode) {
        this.apiKey = apiKey;
        this.issuer = issuer;
        this.publicKey = publicKey;
        this.publicKeyLocation = publicKeyLocation;
        this.authInDevMode = authInDevMode;
    }

    void check(@Observes StartupEvent event) {
        check(LaunchMode.current());
    }

    void check(LaunchMode mode) {
        if (mode == LaunchMode.DEVELOPMENT && !authInDevMode) {
            LOG.warn("""

                    ************************************************************************************
                    *  OPEN GATEWAY: QUARKUS_SECURITY_AUTH_ENABLED_IN_DEV_MODE=false, so /graphql takes  *
                    *  calls without tokens and ignores roles. Dev mode only; never expose this port.    *
                    ************************************************************************************""");
        }
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (set(apiKey).isEmpty()) {
            missing.add("KUSTOMER_API_KEY is not set: the gateway cannot deliver to Kustomer without it. Set "
                    + "KUSTOMER_API_KEY (and KUSTOMER_BASE_URL for a non-US org).");
        }
        if (set(issuer).isEmpty()) {
            missing.add("MP_JWT_VERIFY_ISSUER is not set: the gateway would accept tokens from any issuer holding "
                    + "the key. Set it to your identity provider's issuer.");
        }
        if (set(publicKey).isEmpty() && set(publicKeyLocation).isEmpty()) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION is not set: the gateway cannot verify callers' tokens. "
                    + "Set it to the issuer's JWKS URL or a PEM file.");
        }
        if (!authInDevMode) {
            missing.add("QUARKUS_SECURITY_AUTH_ENABLED_IN_DEV_MODE=false asks for an open gateway, which only dev "
                    + "mode may be. Remove it.");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The gateway refuses to start: " + String.join(" ", missing)
                    + " Then start again.");
        }
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
