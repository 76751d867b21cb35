package com.kustomergateway.domain.port;

import com.kustomergateway.domain.operation.OperationStatus;

import java.time.Instant;
import java.util.Set;

/** Forgets operations nobody needs any more, with their attempts. */
public interface OperationRetention {

    /**
     * Deletes up to {@code limit} operations having one of {@code statuses} and accepted before {@code before};
     * returns how many it deleted. Small batches keep each transaction, and the locks it holds, short.
     */
    int purge(Set<OperationStatus> statuses, Instant before, int limit);
}
