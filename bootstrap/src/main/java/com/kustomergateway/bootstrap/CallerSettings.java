package com.kustomergateway.bootstrap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long callers' tokens are believed once checked ({@link VerifiedTokens}). */
@ConfigMapping(prefix = "gateway.auth")
public interface CallerSettings {

    /**
     * A token the verifier accepted is believed without another check until it expires or for this long, whichever
     * is sooner: a revoked key stops working within it. Zero checks every call.
     */
    @WithDefault("60s")
    Duration verifiedTokenTtl();

    /** At most this many tokens are kept so; past that, new ones are checked on every call. */
    @WithDefault("1000")
    int verifiedTokenCacheSize();
}
