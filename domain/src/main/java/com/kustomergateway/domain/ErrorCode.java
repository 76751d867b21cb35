package com.kustomergateway.domain;

/**
 * The rules of Kustomer's business and of the gateway's contract that a caller's input or request can break. Clients
 * branch on these names, so a name, once published, never changes meaning. How a call came (a token, a document, a
 * limit) is the GraphQL adapter's business and has codes of its own there; {@code docs/errors.md} explains both.
 */
public enum ErrorCode {
    // Input that breaks one of Kustomer's rules or the gateway's contract.
    REQUIRED_VALUE_MISSING,
    INVALID_ID,
    INVALID_CHARACTERS,
    NOTE_EMPTY,
    NOTE_TOO_LONG,
    NOTE_MUST_BE_INTERNAL,
    INVALID_KLASS_NAME,
    INVALID_DISPLAY_NAME,
    ICON_TOO_LONG,
    DESCRIPTION_TOO_LONG,
    NO_OBJECTS,
    TOO_MANY_OBJECTS,
    TITLE_REQUIRED,
    TITLE_TOO_LONG,
    NO_PERSONALIZATION_DATA,
    INVALID_ATTRIBUTE_KEY,
    DUPLICATE_KEY,
    ATTRIBUTE_NAME_COLLISION,
    TOO_MANY_ATTRIBUTES,
    INVALID_FIELD_TYPE,
    UNKNOWN_FIELD_TYPE_KEY,
    VALUE_NOT_A_NUMBER,
    VALUE_NOT_A_BOOLEAN,
    VALUE_NOT_A_DATE,
    VALUE_NOT_A_URL,
    VALUE_TOO_LONG,
    INVALID_IDEMPOTENCY_KEY,
    IDEMPOTENCY_KEY_REUSED,

    // Requests about operations.
    OPERATION_NOT_FOUND,
    OPERATION_NOT_RETRYABLE,
    OPERATION_NOT_CANCELLABLE,
    INVALID_FILTER
}
