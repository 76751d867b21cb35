package com.kustomergateway.adapters.graphql;

import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDL the build writes for frontends stands on its own, types numbers as JavaScript reads them, and keeps every
 * field clients of the released schema use. The running gateway serves the same text (bootstrap's
 * {@code ServiceTest}), and graphql-js loads it in CI ({@code examples/frontend-client}).
 */
class PublishedSchemaTest {

    /** Written by this module's build (SchemaFile, {@code process-test-classes}); Maven runs tests in the module. */
    static final Path BUILT = Path.of("target", "graphql", "schema.graphql");

    /** The SDL of the last release: clients in the field were built against it. */
    static final Path RELEASED = Path.of("src", "main", "graphql", "released", "schema.graphql");

    @Test
    void declaresEveryTypeItNamesSoThatSchemaToolsLoadItAsItIs() throws IOException {
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new SchemaParser().parse(Files.readString(BUILT)));

        GraphQLScalarType dateTime = (GraphQLScalarType) schema.getType("DateTime");
        assertThat(dateTime.getSpecifiedByUrl()).isEqualTo("https://scalars.graphql.org/andimarek/date-time");
        assertThat(dateTime.getDescription()).contains("RFC 3339", "zone");
    }

    @Test
    void typesCountsAndDurationsAsIntAndNeverAsScalarsJavaScriptCannotRead() throws IOException {
        String sdl = Files.readString(BUILT);

        assertThat(sdl).doesNotContain("BigInteger", "BigDecimal", "Long");
        assertThat(sdl).contains("durationMillis: Int!", "count: Int!", "oldestWaitingAgeSeconds: Int",
                "failedAttempts: Int!", "createdCount: Int!", "number: Int!");
        assertThat(sdl).contains("operationId: ID!", "id: ID!");
    }

    @Test
    void keepsEveryFieldClientsOfTheReleasedSchemaUse() throws IOException {
        assertThat(SchemaCompatibility.breakingChanges(Files.readString(RELEASED), Files.readString(BUILT)))
                .as("changes that break clients of %s: deprecate a field before removing it, add a new field "
                        + "instead of retyping one", RELEASED)
                .isEmpty();
    }

    private static final String RELEASED_EXAMPLE = """
            type Query {
              operation(id: ID!): Operation
            }
            type Operation {
              id: ID!
              status: Status!
              failedAttempts: Int!
              oldField: String @deprecated(reason: "use status")
              note: String
            }
            enum Status { QUEUED DELIVERED }
            """;

    @Test
    void removingADeprecatedFieldOrAddingOneBreaksNoClient() {
        String current = """
                type Query {
                  operation(id: ID!, verbose: Boolean): Operation
                }
                type Operation {
                  id: ID!
                  status: Status!
                  failedAttempts: Int!
                  note: String!
                  acceptedAt: String
                }
                enum Status { QUEUED DELIVERED FAILED }
                """;

        assertThat(SchemaCompatibility.breakingChanges(RELEASED_EXAMPLE, current)).isEmpty();
    }

    @Test
    void removingAFieldThatWasNotDeprecatedBreaksClients() {
        String current = RELEASED_EXAMPLE.replace("  failedAttempts: Int!\n", "");

        assertThat(SchemaCompatibility.breakingChanges(RELEASED_EXAMPLE, current))
                .singleElement().asString().contains("failedAttempts");
    }

    @Test
    void retypingAFieldBreaksClients() {
        String current = RELEASED_EXAMPLE.replace("failedAttempts: Int!", "failedAttempts: String!");

        assertThat(SchemaCompatibility.breakingChanges(RELEASED_EXAMPLE, current))
                .singleElement().asString().contains("failedAttempts");
    }

    @Test
    void makingAnOutputFieldNullableBreaksClients() {
        String current = RELEASED_EXAMPLE.replace("status: Status!", "status: Status");

        assertThat(SchemaCompatibility.breakingChanges(RELEASED_EXAMPLE, current)).isNotEmpty();
    }

    @Test
    void requiringANewArgumentOrRetypingOneBreaksClients() {
        assertThat(SchemaCompatibility.breakingChanges(RELEASED_EXAMPLE,
                RELEASED_EXAMPLE.replace("operation(id: ID!)", "operation(id: ID!, tenant: String!)"))).isNotEmpty();
        assertThat(SchemaCompatibility.breakingChanges(RELEASED_EXAMPLE,
                RELEASED_EXAMPLE.replace("operation(id: ID!)", "operation(id: String!)"))).isNotEmpty();
    }

    @Test
    void removingAnEnumValueBreaksClients() {
        String current = RELEASED_EXAMPLE.replace("enum Status { QUEUED DELIVERED }", "enum Status { QUEUED }");

        assertThat(SchemaCompatibility.breakingChanges(RELEASED_EXAMPLE, current))
                .singleElement().asString().contains("DELIVERED");
    }
}
