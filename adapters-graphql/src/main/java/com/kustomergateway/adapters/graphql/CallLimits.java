package com.kustomergateway.adapters.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much one GraphQL call may ask of the gateway. The request body's size is Quarkus's own
 * {@code quarkus.http.limits.max-body-size}; objects per call are Kustomer's business and live in the domain.
 */
@ConfigMapping(prefix = "gateway.graphql")
public interface CallLimits {

    /** Nesting of fields: the deepest query the gateway serves ({@code operation → attempts → requests → …}) needs 4. */
    @WithDefault("10")
    int maxDepth();

    /** Fields selected once fragments are expanded: a full {@code operation} query selects about 25. */
    @WithDefault("200")
    int maxComplexity();

    /**
     * Aliased fields: each aliased mutation is one more change, run one after another, each waiting up to the await
     * window; ten keep a call within about 20 seconds.
     */
    @WithDefault("10")
    int maxAliases();

    /**
     * Key-value pairs of one call (data of every object, field types, personalization data): 1,000 objects with
     * 10 attributes each. Kustomer's 100 attributes per record still apply to each object.
     */
    @WithDefault("10000")
    int maxKeyValuePairs();
}
