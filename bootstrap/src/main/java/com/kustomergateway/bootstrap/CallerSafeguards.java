package com.kustomergateway.bootstrap;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Outside dev and test, a gateway that cannot tell its callers apart must not start: without an issuer and a key
 * to verify tokens with, it could not know who is calling, and it is never open. It refuses with one sentence
 * saying what to set, right after {@link ProductionSafeguards}. Dev mode may run without tokens when told to, and
 * says so loudly on every start.
 */
@ApplicationScoped
public class CallerSafeguards {

    private static final Logger LOG = Logger.getLogger(CallerSafeguards.class);

    private final Optional<String> issuer;
    private final Optional<String> publicKey;
    private final Optional<String> publicKeyLocation;
    private final boolean authInDevMode;

    public CallerSafeguards(@ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> publicKey,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKeyLocation,
            @ConfigProperty(name = "quarkus.security.auth.enabled-in-dev-mode", defaultValue = "true")
            boolean authInDevMode) {
        this.issuer = issuer;
        this.publicKey = publicKey;
        this.publicKeyLocation = publicKeyLocation;
        this.authInDevMode = authInDevMode;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent event) {
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
        if (!authInDevMode) {
            throw new ConfigurationException("QUARKUS_SECURITY_AUTH_ENABLED_IN_DEV_MODE=false asks for a gateway open "
                    + "to callers without tokens, which only dev mode may be: remove it and start again.");
        }
        if (set(issuer).isEmpty()) {
            throw new ConfigurationException("MP_JWT_VERIFY_ISSUER is not set: the gateway would accept tokens from "
                    + "any issuer holding the key. Set it to your identity provider's issuer and start again.");
        }
        if (set(publicKey).isEmpty() && set(publicKeyLocation).isEmpty()) {
            throw new ConfigurationException("MP_JWT_VERIFY_PUBLICKEY_LOCATION is not set: the gateway cannot verify "
                    + "its callers' tokens. Set it to your identity provider's JWKS URL or a PEM file and start again.");
        }
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
