package com.kustomergateway.domain.operation;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a newest-first listing of operations stopped: the last operation shown. Listings order by acceptance time,
 * then by id to break ties, so a position stays valid however many operations are accepted meanwhile.
 */
public record ListingPosition(Instant acceptedAt, OperationId id) {

    public ListingPosition {
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(id, "id");
    }

    public static ListingPosition of(Operation operation) {
        return new ListingPosition(operation.acceptedAt(), operation.id());
    }
}
