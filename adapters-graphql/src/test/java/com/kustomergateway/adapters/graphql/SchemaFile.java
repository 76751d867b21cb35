package com.kustomergateway.adapters.graphql;

import graphql.schema.GraphQLSchema;

import io.smallrye.graphql.bootstrap.Bootstrap;
import io.smallrye.graphql.schema.SchemaBuilder;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.config.ConfigKey;

import org.jboss.jandex.CompositeIndex;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Indexer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Writes the published SDL at build time ({@code process-test-classes}, see this module's pom), so that frontends
 * can generate types without running the gateway: SmallRye's schema model built from the same Jandex indexes
 * Quarkus reads (the gateway's modules), turned into a GraphQL schema the way the gateway does at start, printed by
 * {@link PublishedSchema}. A test of the running gateway compares what it serves with this file.
 */
public final class SchemaFile {

    private static final String GATEWAY_PACKAGE = "com.kustomergateway.";

    private SchemaFile() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, print(), StandardCharsets.UTF_8);
    }

    static String print() throws IOException {
        // As Quarkus's SmallRye GraphQL extension does for this gateway: no federation (application.properties says
        // so; SmallRye's own default is on), default type names, and no CDI to look resolvers up in.
        System.setProperty(ConfigKey.ENABLE_FEDERATION, "false");
        Schema model = SchemaBuilder.build(gatewayIndex());
        GraphQLSchema schema = Bootstrap.bootstrap(model, true);
        return PublishedSchema.print(schema);
    }

    /** The Jandex indexes of the gateway's own modules, plus the JDK types Quarkus adds to the index it gives SmallRye. */
    private static IndexView gatewayIndex() throws IOException {
        List<IndexView> indexes = new ArrayList<>();
        Enumeration<URL> found = Thread.currentThread().getContextClassLoader().getResources("META-INF/jandex.idx");
        while (found.hasMoreElements()) {
            try (InputStream in = found.nextElement().openStream()) {
                IndexView index = new IndexReader(in).read();
                if (index.getKnownClasses().stream()
                        .anyMatch(c -> c.name().toString().startsWith(GATEWAY_PACKAGE))) {
                    indexes.add(index);
                }
            }
        }
        if (indexes.isEmpty()) {
            throw new IllegalStateException("no Jandex index of the gateway's modules on the class path");
        }
        Indexer jdk = new Indexer();
        jdk.indexClass(Map.class);
        jdk.indexClass(Map.Entry.class);
        indexes.add(jdk.complete());
        return CompositeIndex.create(indexes);
    }
}
