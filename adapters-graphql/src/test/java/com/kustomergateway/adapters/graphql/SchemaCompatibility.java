package com.kustomergateway.adapters.graphql;

import graphql.schema.diff.DiffCategory;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;

import java.util.List;

/**
 * What a new schema breaks for clients built against a released one, in words: a field, argument, input field or
 * enum value removed without having been deprecated first, a type changed in a way old queries or variables no
 * longer fit, a required argument or input field added. graphql-java's schema diff finds them; removing what the
 * released schema already deprecated is the one breakage allowed, which is what deprecation is for.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Every breaking change from {@code released} to {@code current}; empty when clients of the first still work. */
    static List<String> breakingChanges(String released, String current) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(released, current), reporter);
        return reporter.getBreakages().stream()
                .filter(event -> event.getCategory() != DiffCategory.DEPRECATION_REMOVED)
                .map(SchemaCompatibility::describe)
                .toList();
    }

    private static String describe(DiffEvent event) {
        return event.getCategory() + ": " + event.getReasonMsg().strip();
    }
}
