package com.kustomergateway.domain;

import java.util.List;

/**
 * Input that cannot become a valid change. It carries every violation found, so a caller fixes all of them in one
 * round trip; {@link #code()} is the first one's.
 */
public final class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(summary(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(ErrorCode code, String message) {
        this(List.of(new Violation(code, "", message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    public ErrorCode code() {
        return violations.get(0).code();
    }

    private static String summary(List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(v.field().isEmpty() ? v.message() : v.field() + ": " + v.message());
        }
        return text.toString();
    }
}
