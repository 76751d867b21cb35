package com.kustomergateway.domain.operation;

import java.util.Objects;
import java.util.UUID;

/** Identifies one accepted change for its whole life; callers receive it and use it to follow the change. */
public record OperationId(UUID value) {

    public OperationId {
        Objects.requireNonNull(value, "value");
    }

    public static OperationId random() {
        return new OperationId(UUID.randomUUID());
    }

    /** Reads an id a caller sent back; empty when the text is not one. */
    public static java.util.Optional<OperationId> parse(String text) {
        try {
            return java.util.Optional.of(new OperationId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
