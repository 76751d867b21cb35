package com.kustomergateway.domain.port;

import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationStatus;

import java.util.List;

/**
 * Operators' changes to operations (a retry, a cancellation). Each is written only if the operation still has the
 * status the operator's decision was based on, so a relay that claimed it meanwhile wins and nothing is lost.
 */
public interface OperationCorrections {

    /** Writes {@code next} if the stored operation's status is still {@code expected}; returns whether it did. */
    boolean replace(Operation next, OperationStatus expected);

    /** {@link #replace} for many, in one transaction; returns the operations it wrote. */
    List<Operation> replaceAll(List<Operation> next, OperationStatus expected);
}
