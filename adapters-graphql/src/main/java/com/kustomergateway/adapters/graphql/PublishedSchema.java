package com.kustomergateway.adapters.graphql;

import graphql.Scalars;
import graphql.schema.idl.DirectiveInfo;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.SchemaTraverser;
import graphql.schema.idl.SchemaPrinter;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema as frontends read it, at {@code GET /graphql/schema.graphql} and, written by the build, in
 * {@code adapters-graphql/target/graphql/schema.graphql}: SDL that graphql-js, GraphQL Code Generator and Apollo's
 * tools load as it is. Every scalar it uses is declared; {@code DateTime} says what it holds and names its
 * specification with {@code @specifiedBy}. SmallRye's own printer leaves scalars out, which those tools refuse.
 */
@ApplicationScoped
public class PublishedSchema {

    static final String DATE_TIME = "DateTime";

    /** The community specification SmallRye's {@code DateTime} follows for {@code Instant}s (RFC 3339). */
    static final String DATE_TIME_SPECIFICATION = "https://scalars.graphql.org/andimarek/date-time";

    static final String DATE_TIME_DESCRIPTION = "An instant, as an RFC 3339 (ISO-8601) date-time with a zone: the "
            + "gateway answers in UTC, e.g. 2026-01-15T09:30:00.123456Z, and reads any offset, e.g. "
            + "2026-01-15T10:30:00+01:00. A date-time without a zone is refused.";

    private static final Map<String, String> SPECIFIED_BY = Map.of(DATE_TIME, DATE_TIME_SPECIFICATION);
    private static final Map<String, String> DESCRIPTIONS = Map.of(DATE_TIME, DATE_TIME_DESCRIPTION);

    /** As Quarkus's own schema handler, so that the route below runs in its place. */
    private static final int ORDER = -3;

    private static final SchemaPrinter PRINTER = new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
            .includeScalarTypes(true)
            .includeSchemaDefinition(false)
            .includeIntrospectionTypes(false)
            .includeDirectives(true)
            .includeDirectiveDefinition(SchemaPrinter.ExcludeGraphQLSpecifiedDirectivesPredicate)
            .descriptionsAsHashComments(false)
            .useAstDefinitions(false));

    private final Instance<GraphQLSchema> schema;
    private final String path;
    private volatile String printed;

    public PublishedSchema(Instance<GraphQLSchema> schema,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath) {
        this.schema = schema;
        this.path = (rootPath.startsWith("/") ? rootPath : "/" + rootPath) + "/schema.graphql";
    }

    void install(@Observes Router router) {
        router.get(path).order(ORDER).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        String sdl = printed;
        if (sdl == null) {
            sdl = print(schema.get());
            printed = sdl;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8").end(sdl);
    }

    /** The SDL of {@code schema}, every scalar declared; the same text at run time and at build time. */
    public static String print(GraphQLSchema schema) {
        return PRINTER.print(withoutUnusedDirectives(documented(schema)));
    }

    /**
     * SmallRye defines directives the gateway never applies ({@code @constraint}, for Bean Validation): printed,
     * they would only drag in scalars ({@code BigInteger}, {@code BigDecimal}) nothing else uses. Those applied
     * ({@code @rolesAllowed} names each field's role) and GraphQL's own stay.
     */
    private static GraphQLSchema withoutUnusedDirectives(GraphQLSchema schema) {
        Set<String> applied = new HashSet<>();
        SchemaTraverser traverser = new SchemaTraverser();
        traverser.depthFirst(new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLAppliedDirective(GraphQLAppliedDirective directive,
                    TraverserContext<GraphQLSchemaElement> context) {
                applied.add(directive.getName());
                return TraversalControl.CONTINUE;
            }

            /** Among types, a directive is one applied the older way SmallRye still uses. */
            @Override
            public TraversalControl visitGraphQLDirective(GraphQLDirective directive,
                    TraverserContext<GraphQLSchemaElement> context) {
                applied.add(directive.getName());
                return TraversalControl.CONTINUE;
            }
        }, schema.getAllTypesAsList());
        List<GraphQLDirective> kept = schema.getDirectives().stream()
                .filter(d -> DirectiveInfo.isGraphqlSpecifiedDirective(d) || applied.contains(d.getName()))
                .toList();
        return schema.transform(builder -> builder.clearDirectives().additionalDirectives(new HashSet<>(kept)));
    }

    private static GraphQLSchema documented(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                    TraverserContext<GraphQLSchemaElement> context) {
                String specification = SPECIFIED_BY.get(scalar.getName());
                if (specification == null) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, scalar.transform(type -> type
                        .description(DESCRIPTIONS.get(scalar.getName()))
                        .specifiedByUrl(specification)
                        .withAppliedDirective(specifiedBy(specification))));
            }
        });
    }

    private static GraphQLAppliedDirective specifiedBy(String url) {
        return GraphQLAppliedDirective.newDirective().name("specifiedBy")
                .argument(GraphQLAppliedDirectiveArgument.newArgument().name("url")
                        .type(GraphQLNonNull.nonNull(Scalars.GraphQLString)).valueProgrammatic(url))
                .build();
    }
}
