package com.kustomergateway.adapters.graphql;

/**
 * Codes of calls refused by how they came over HTTP or WebSocket rather than by what they ask: the GraphQL adapter's
 * own, beside the domain's {@code ErrorCode}. Clients branch on these names, so a name, once published, never
 * changes meaning.
 */
enum TransportCode {
    /** Only a persisted query's hash came, and the gateway does not know it: send the hash again with the query. */
    PERSISTED_QUERY_NOT_FOUND,
    /** Allow-list mode: the query is not among those registered when the gateway was deployed. */
    PERSISTED_QUERY_NOT_ALLOWED,
    /** A mutation or subscription sent with GET, which only reads. */
    METHOD_NOT_ALLOWED
}
