package com.kustomergateway.adapters.graphql;

/**
 * Codes the GraphQL adapter gives calls itself, beside the domain's {@code ErrorCode} (which names broken business
 * rules): how a call came over HTTP or WebSocket, what its document asks of the schema and the limits, and failures
 * of the gateway itself. Clients branch on these names, so a name, once published, never changes meaning; every
 * one is explained in {@code docs/errors.md}, which a test keeps complete.
 */
enum TransportCode {
    // The call, refused at the door before its document is run.
    UNAUTHENTICATED(401),
    FORBIDDEN,
    REQUEST_TOO_LARGE(413),
    MALFORMED_REQUEST(400),
    METHOD_NOT_ALLOWED(405),
    PERSISTED_QUERY_NOT_FOUND,
    PERSISTED_QUERY_NOT_ALLOWED,

    // The document: not GraphQL, not this schema's, or over a limit.
    INVALID_QUERY,
    UNKNOWN_FIELD,
    WRONG_TYPE,
    INTROSPECTION_DISABLED,
    QUERY_TOO_DEEP,
    QUERY_TOO_COMPLEX,
    TOO_MANY_ALIASES,
    TOO_MANY_KEY_VALUE_PAIRS,

    // Arguments of the audit queries that only the GraphQL API has.
    INVALID_CURSOR,
    INVALID_PAGE_SIZE,

    // The gateway itself.
    DATABASE_UNAVAILABLE,
    INTERNAL_ERROR;

    private final int doorStatus;

    TransportCode() {
        this(200);
    }

    TransportCode(int doorStatus) {
        this.doorStatus = doorStatus;
    }

    /**
     * The HTTP status of a call the door ({@link RequestGuard}) refuses with this code; GraphQL over HTTP answers
     * 200 to a document it read, whatever its errors, so a code met while running a call comes with 200.
     */
    int doorStatus() {
        return doorStatus;
    }
}
