package com.kustomergateway.adapters.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What running a GraphQL document would cost, read from the document alone before anything runs: how deep its
 * fields nest, how many fields it selects once every fragment is expanded where it is used (its complexity), and
 * how many of those are aliased. Fragments are measured once and reused, so a document built to multiply itself
 * through fragments is measured in time proportional to its size, and counts stop growing at {@link #CAP}.
 * Introspection fields ({@code __schema}, {@code __type}) count as one field: graphql-java guards their nesting
 * itself, and the schema refuses them where introspection is off.
 */
record DocumentCost(int depth, long fields, long aliases) {

    /** Far beyond any limit, and far from overflowing when two are added. */
    static final long CAP = Long.MAX_VALUE / 4;

    private static final DocumentCost NOTHING = new DocumentCost(0, 0, 0);

    /** The most expensive operation of the document. */
    static DocumentCost of(Document document) {
        Measure measure = new Measure(document);
        DocumentCost most = NOTHING;
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            most = most.atLeast(measure.selections(operation.getSelectionSet()));
        }
        return most;
    }

    private DocumentCost atLeast(DocumentCost other) {
        return new DocumentCost(Math.max(depth, other.depth), Math.max(fields, other.fields),
                Math.max(aliases, other.aliases));
    }

    private DocumentCost beside(DocumentCost other) {
        return new DocumentCost(Math.max(depth, other.depth), add(fields, other.fields), add(aliases, other.aliases));
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    /** A fragment that spreads itself, directly or not: graphql-java would refuse it, but only after expanding it. */
    static final class FragmentCycle extends RuntimeException {
        FragmentCycle(String fragment) {
            super("fragment '" + fragment + "' spreads itself", null, false, false);
        }
    }

    private static final class Measure {
        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private final Map<String, DocumentCost> measured = new HashMap<>();
        private final Set<String> measuring = new HashSet<>();

        Measure(Document document) {
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.putIfAbsent(f.getName(), f));
        }

        DocumentCost selections(SelectionSet set) {
            DocumentCost cost = NOTHING;
            if (set == null) {
                return cost;
            }
            for (Selection<?> selection : set.getSelections()) {
                cost = cost.beside(selection(selection));
            }
            return cost;
        }

        private DocumentCost selection(Selection<?> selection) {
            if (selection instanceof Field field) {
                DocumentCost inside = field.getName().startsWith("__") ? NOTHING : selections(field.getSelectionSet());
                return new DocumentCost(inside.depth + 1, add(inside.fields, 1),
                        add(inside.aliases, field.getAlias() == null ? 0 : 1));
            }
            if (selection instanceof InlineFragment inline) {
                return selections(inline.getSelectionSet());
            }
            if (selection instanceof FragmentSpread spread) {
                return fragment(spread.getName());
            }
            return NOTHING;
        }

        private DocumentCost fragment(String name) {
            DocumentCost known = measured.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition definition = fragments.get(name);
            if (definition == null) {
                return NOTHING; // the schema's validation names the missing fragment
            }
            if (!measuring.add(name)) {
                throw new FragmentCycle(name);
            }
            DocumentCost cost = selections(definition.getSelectionSet());
            measuring.remove(name);
            measured.put(name, cost);
            return cost;
        }
    }
}
