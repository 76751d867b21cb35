package com.kustomergateway.domain.port;

import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox: where accepted operations wait, are claimed for delivery, and keep their history. */
public interface OperationStore {

    /**
     * Stores a newly accepted operation, in the caller's transaction if there is one, and otherwise committed when
     * this returns. When an operation with the same idempotency key is stored already (even by a concurrent caller),
     * stores nothing and returns that one instead.
     */
    Operation acceptOnce(Operation operation);

    Optional<Operation> find(OperationId id);

    /**
     * Claims up to {@code limit} operations that are due at {@code now}, for {@code owner}, until {@code leaseUntil}:
     * each the oldest pending operation of its resource. An operation whose lease has run out is due again, so
     * one held by a process that died is not lost. Claims made by several processes at once never overlap.
     */
    List<Operation> claimDue(Instant now, String owner, Instant leaseUntil, int limit);

    /**
     * Records a finished attempt and the operation's next state, if {@code owner} still holds its lease; returns
     * whether it did. A lease that ran out means another process may have taken the operation over.
     */
    boolean settle(Operation next, DeliveryAttempt attempt, String owner);

    /**
     * Records that the gateway kept a claimed operation from Kustomer ({@link Operation#held}): its next state and the
     * claim given back, with no attempt, if {@code owner} still holds its lease; returns whether it did.
     */
    boolean hold(Operation held, String owner, Instant now);

    /**
     * Extends the leases {@code owner} holds on these operations to {@code leaseUntil}, so a delivery that takes
     * long is not taken over while it is still alive; returns how many were extended.
     */
    int renewLeases(String owner, List<OperationId> ids, Instant leaseUntil);

    /**
     * Gives back the leases {@code owner} holds on these operations (at shutdown), so another process may claim
     * them at once instead of waiting for them to run out.
     */
    int releaseLeases(String owner, List<OperationId> ids, Instant now);

    /** The journal of the operation's delivery, written through only while {@code owner} holds its lease. */
    DeliveryJournal journal(OperationId id, String owner);

    /** The attempts made at an operation, oldest first. */
    List<DeliveryAttempt> attempts(OperationId id);
}
