package com.kustomergateway.adapters.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Live subscriptions ({@link OperationSubscriptions}). */
@ConfigMapping(prefix = "gateway.subscription")
public interface SubscriptionSettings {

    /** How often a subscription also reads its operation, for changes made by other instances. */
    @WithDefault("2s")
    Duration pollInterval();
}
