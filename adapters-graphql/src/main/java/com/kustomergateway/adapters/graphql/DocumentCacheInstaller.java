package com.kustomergateway.adapters.graphql;

import graphql.GraphQL;

import io.smallrye.graphql.spi.EventingService;

import jakarta.enterprise.inject.spi.CDI;

/**
 * Makes {@link DocumentCache} the one GraphQL execution reads documents through, in place of SmallRye's own, so
 * the door and execution share it. Registered through {@code META-INF/services}; SmallRye builds its GraphQL
 * engine once, after CDI is up.
 */
public class DocumentCacheInstaller implements EventingService {

    /** Always on: the door's limits and execution must read the same documents. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.preparsedDocumentProvider(CDI.current().select(DocumentCache.class).get());
    }
}
