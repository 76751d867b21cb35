package com.kustomergateway.adapters.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Which GraphQL documents the gateway keeps and which it runs: {@link DocumentCache}, {@link PersistedQueries}. */
@ConfigMapping(prefix = "gateway.graphql")
public interface DocumentSettings {

    /**
     * Documents kept read, and persisted queries kept by hash: at most this many each, least recently used first
     * out. A frontend sends a few dozen distinct queries; 500 leave room for several frontends and their versions.
     */
    @WithDefault("500")
    int documentCacheSize();

    /**
     * Allow-list mode: a directory of {@code .graphql} files, one operation (with its fragments) each, read at
     * start; only those documents run. Unset, any query within {@link CallLimits} runs.
     */
    Optional<Path> allowList();
}
