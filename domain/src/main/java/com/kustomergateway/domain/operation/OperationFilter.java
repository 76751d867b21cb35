package com.kustomergateway.domain.operation;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.change.ChangeKind;
import com.kustomergateway.domain.change.ResourceKey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which operations an audit listing or a bulk replay is about; an empty part selects everything. The acceptance
 * range includes {@code acceptedFrom} and excludes {@code acceptedBefore}, so consecutive ranges never overlap.
 */
public record OperationFilter(Optional<ChangeKind> kind, Optional<OperationStatus> status,
        Optional<ResourceKey> resource, Optional<Instant> acceptedFrom, Optional<Instant> acceptedBefore) {

    public static final OperationFilter ALL = new OperationFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public OperationFilter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(acceptedFrom, "acceptedFrom");
        Objects.requireNonNull(acceptedBefore, "acceptedBefore");
        if (acceptedFrom.isPresent() && acceptedBefore.isPresent()
                && !acceptedFrom.get().isBefore(acceptedBefore.get())) {
            throw new InvalidInputException(ErrorCode.INVALID_FILTER,
                    "acceptedFrom must be earlier than acceptedBefore");
        }
    }

    public OperationFilter withStatus(OperationStatus only) {
        return new OperationFilter(kind, Optional.of(only), resource, acceptedFrom, acceptedBefore);
    }
}
