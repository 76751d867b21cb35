package com.kustomergateway.domain.port;

import com.kustomergateway.domain.operation.ActivityMinute;
import com.kustomergateway.domain.operation.CappedCount;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.ListingPosition;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.StatusCount;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox read as an audit log: what was accepted, when, and how its delivery went. */
public interface OperationHistory {

    /**
     * Up to {@code limit} operations the filter selects, newest first (by acceptance time, then id), starting
     * after {@code after} when given. Costs about as much on page 1,000 as on page 1.
     */
    List<Operation> newestFirst(OperationFilter filter, Optional<ListingPosition> after, int limit);

    /** The attempts made at each of the operations, oldest first; an operation without any maps to none. */
    Map<OperationId, List<DeliveryAttempt>> attempts(Collection<OperationId> ids);

    /** Operations per status, each counted up to {@code cap} and no further. */
    List<StatusCount> countsUpTo(long cap);

    /** Operations the filter selects, counted up to {@code cap} and no further. */
    CappedCount countUpTo(OperationFilter filter, long cap);

    /**
     * Per minute from {@code from} (inclusive) to {@code before} (exclusive), both whole minutes: operations
     * accepted, and operations that settled as delivered or failed. Minutes in which nothing happened are left out.
     */
    List<ActivityMinute> activity(Instant from, Instant before);

    /** When the longest-waiting operation still owed to Kustomer was accepted; empty when none is. */
    Optional<Instant> oldestPendingAcceptedAt();

    /** How many operations are still owed to Kustomer (queued, in flight or waiting for a retry). */
    long pendingCount();
}
