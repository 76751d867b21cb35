package com.kustomergateway.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the violations of a whole input instead of stopping at the first, and names the field each came from.
 * Values validate themselves; this only catches what they throw and says where.
 */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    /** Builds a value for {@code field}; returns null (and records why) when the value refuses to be built. */
    public <T> T check(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> found.add(v.under(field)));
            return null;
        }
    }

    public void add(ErrorCode code, String field, String message) {
        found.add(new Violation(code, field, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws every violation found so far, if there is any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
