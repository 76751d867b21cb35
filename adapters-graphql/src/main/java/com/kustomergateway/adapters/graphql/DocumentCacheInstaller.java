package com.kustomergateway.adapters.graphql;

import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentProvider;

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

    /**
     * SmallRye keeps the installer it loaded first for the life of the JVM, while dev mode's live reload starts the
     * application again in a new class loader: {@link DocumentCache} is therefore looked up by name in the class
     * loader of the application now running, or after a reload every GraphQL request failed with "No bean found".
     */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.preparsedDocumentProvider(
                (PreparsedDocumentProvider) CDI.current().select(currentDocumentCacheClass()).get());
    }

    private static Class<?> currentDocumentCacheClass() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        if (application == null || application == DocumentCacheInstaller.class.getClassLoader()) {
            return DocumentCache.class;
        }
        try {
            return Class.forName(DocumentCache.class.getName(), false, application);
        } catch (ClassNotFoundException e) {
            return DocumentCache.class;
        }
    }
}
