package com.kustomergateway.domain;

import java.util.Objects;

/**
 * One broken rule in a caller's input: which rule ({@code code}), where ({@code field}, a path such as
 * {@code objects[0].data[1].value}; empty when the value stands alone) and why, in words a caller can act on.
 */
public record Violation(ErrorCode code, String field, String message) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The same violation, seen from one level up: {@code value} inside {@code data[1]} becomes {@code data[1].value}. */
    public Violation under(String parent) {
        if (parent.isEmpty()) {
            return this;
        }
        if (field.isEmpty()) {
            return new Violation(code, parent, message);
        }
        return new Violation(code, field.startsWith("[") ? parent + field : parent + "." + field, message);
    }
}
