package com.kustomergateway.domain.operation;

import java.util.Objects;

/**
 * How many operations have a status. Counting a million rows costs a scan, so counts stop at a cap: {@code exact}
 * is false when there are at least {@code count}.
 */
public record StatusCount(OperationStatus status, long count, boolean exact) {

    public StatusCount {
        Objects.requireNonNull(status, "status");
    }
}
