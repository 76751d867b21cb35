package com.kustomergateway.domain.operation;

/**
 * How many operations a filter selects, counted up to a cap so that counting never reads a million rows:
 * {@code exact} is false when there are at least {@code count}.
 */
public record CappedCount(long count, boolean exact) {

    public CappedCount {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative");
        }
    }

    /** Reads a count of up to {@code cap + 1} rows: one more than the cap says that there are more. */
    public static CappedCount of(long countedToCapPlusOne, long cap) {
        return new CappedCount(Math.min(countedToCapPlusOne, cap), countedToCapPlusOne <= cap);
    }
}
