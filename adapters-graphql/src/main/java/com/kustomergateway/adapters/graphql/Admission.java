package com.kustomergateway.adapters.graphql;

import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;

import io.vertx.core.json.JsonObject;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;

/**
 * What a GraphQL request must be to run, whichever way it came (HTTP POST or GET through {@link RequestGuard}, a
 * WebSocket {@code subscribe} through {@link SubscriptionDoor}): a readable document, or a persisted query's hash
 * ({@link PersistedQueries}), within {@link CallLimits}, in the allow-list when there is one, and on GET a query.
 * A request that is not is turned away with a {@link Refused}.
 */
@ApplicationScoped
class Admission {

    private final CallLimits limits;
    private final DocumentCache documents;
    private final PersistedQueries persisted;

    Admission(CallLimits limits, DocumentCache documents, PersistedQueries persisted) {
        this.limits = limits;
        this.documents = documents;
        this.persisted = persisted;
    }

    /**
     * The query a call runs, once the door has let it through: its own text, or the persisted query its hash names;
     * readable, within {@link CallLimits}, in the allow-list when there is one, and on GET a query. Shared by
     * HTTP and the WebSocket, whose {@code subscribe} messages carry the same request.
     */
    String query(String query, JsonObject extensions, String operationName, boolean get) {
        String hash = persistedQueryHash(extensions);
        if (hash != null && query != null) {
            String actual = PersistedQueries.sha256(query);
            if (!actual.equals(hash)) {
                throw new Refused(TransportCode.MALFORMED_REQUEST, "The query's SHA-256 is " + actual
                        + ", not the persistedQuery.sha256Hash sent (" + hash + ")");
            }
        } else if (hash != null) {
            // The protocol's own words: Apollo's and other clients send the query when they read them.
            query = persisted.query(hash).orElseThrow(
                    () -> new Refused(TransportCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound"));
        }
        if (query == null || query.isBlank()) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "The request has no \"query\" text");
        }
        DocumentCache.Shape shape = shape(query);
        if (!persisted.allows(shape)) {
            throw new Refused(TransportCode.PERSISTED_QUERY_NOT_ALLOWED, "This gateway runs only the "
                    + "queries registered in its allow-list (gateway.graphql.allow-list), and this is not one of them");
        }
        withinLimits(shape.cost());
        if (get) {
            readOnly(shape, operationName);
        }
        if (hash != null) {
            persisted.remember(hash, query);
        }
        return query;
    }

    private DocumentCache.Shape shape(String query) {
        try {
            return documents.shape(query);
        } catch (ParseCancelledTooDeepException e) {
            throw new Refused(TransportCode.QUERY_TOO_DEEP, "The query nests deeper than the gateway reads");
        } catch (ParseCancelledException e) {
            throw new Refused(TransportCode.QUERY_TOO_COMPLEX, "The query is longer than the gateway reads");
        } catch (InvalidSyntaxException | DocumentCost.FragmentCycle e) {
            throw new Refused(TransportCode.INVALID_QUERY, "The query is not valid GraphQL: " + e.getMessage());
        }
    }

    private void withinLimits(DocumentCost cost) {
        if (cost.depth() > limits.maxDepth()) {
            throw new Refused(TransportCode.QUERY_TOO_DEEP, "The query nests " + cost.depth()
                    + " fields deep; the gateway allows " + limits.maxDepth());
        } else if (cost.fields() > limits.maxComplexity()) {
            throw new Refused(TransportCode.QUERY_TOO_COMPLEX, "The query selects " + cost.fields()
                    + " fields once its fragments are expanded; the gateway allows " + limits.maxComplexity());
        } else if (cost.aliases() > limits.maxAliases()) {
            throw new Refused(TransportCode.TOO_MANY_ALIASES, "The query has " + cost.aliases()
                    + " aliased fields; the gateway allows " + limits.maxAliases());
        }
    }

    /** GET reads: a mutation or subscription must come by POST (GraphQL over HTTP: 405). */
    private static void readOnly(DocumentCache.Shape shape, String operationName) {
        boolean named = operationName != null && !operationName.isEmpty();
        Optional<OperationDefinition> operation = shape.operation(operationName);
        if (named && operation.isEmpty()) {
            throw new Refused(TransportCode.UNKNOWN_FIELD,
                    "The document has no operation named '" + operationName + "'");
        }
        if (named && shape.operations().size() > 1) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "A GET request runs a document of one operation; send documents with several by POST");
        }
        if (operation.isPresent() && operation.get().getOperation() != OperationDefinition.Operation.QUERY) {
            throw new Refused(TransportCode.METHOD_NOT_ALLOWED, "A "
                    + operation.get().getOperation().name().toLowerCase(Locale.ROOT)
                    + " cannot be sent with GET, which only reads; send it with POST");
        }
    }

    /** {@code extensions.persistedQuery.sha256Hash}, or null when the request names no persisted query. */
    private static String persistedQueryHash(JsonObject extensions) {
        if (extensions == null || extensions.getValue("persistedQuery") == null) {
            return null;
        }
        if (!(extensions.getValue("persistedQuery") instanceof JsonObject persisted)
                || !(persisted.getValue("sha256Hash") instanceof String hash)
                || !hash.matches("[0-9a-fA-F]{64}")) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 hex digits>\"}");
        }
        if (!Integer.valueOf(1).equals(persisted.getValue("version"))) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "extensions.persistedQuery.version must be 1, the only version of the protocol");
        }
        return hash.toLowerCase(Locale.ROOT);
    }
}
