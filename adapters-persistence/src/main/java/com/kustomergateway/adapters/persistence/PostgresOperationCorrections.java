package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.port.OperationCorrections;
import com.kustomergateway.domain.port.OperationRetention;

import io.quarkus.panache.common.Parameters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Timeouts;
import org.hibernate.jpa.SpecHints;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Operators' writes to the outbox and its purge, through the Panache repository of its rows. A correction is a
 * compare-and-set on the status, so it cannot undo a claim or a delivery that happened after the operator looked; the
 * relay's own writes check their lease.
 */
@ApplicationScoped
@Transactional
public class PostgresOperationCorrections implements OperationCorrections, OperationRetention {

    private static final String REPLACE = """
            status = :status, failedAttempts = :failedAttempts, nextAttemptAt = :nextAttemptAt,
            lastFailureStatus = :lastFailureStatus, lastFailureCode = :lastFailureCode,
            lastFailureMessage = :lastFailureMessage, updatedAt = instant
            where id = :id and status = :expected
            """;

    private static final String PURGEABLE = """
            select o.id from OperationRow o where o.status in :statuses and o.acceptedAt < :before
            """;

    private final OperationRepository operations;

    PostgresOperationCorrections(OperationRepository operations) {
        this.operations = operations;
    }

    @Override
    public boolean replace(Operation next, OperationStatus expected) {
        return !replaceAll(List.of(next), expected).isEmpty();
    }

    @Override
    public List<Operation> replaceAll(List<Operation> next, OperationStatus expected) {
        List<Operation> written = new ArrayList<>();
        for (Operation operation : next) {
            Optional<DeliveryFailure> failure = operation.lastFailure();
            int updated = operations.update(REPLACE, Parameters.with("status", operation.status().name())
                    .and("failedAttempts", operation.failedAttempts())
                    .and("nextAttemptAt", operation.nextAttemptAt().orElse(null))
                    .and("lastFailureStatus", failure.flatMap(DeliveryFailure::httpStatus).orElse(null))
                    .and("lastFailureCode", failure.map(DeliveryFailure::code).orElse(null))
                    .and("lastFailureMessage", failure.map(DeliveryFailure::message).orElse(null))
                    .and("id", operation.id().value())
                    .and("expected", expected.name()));
            if (updated > 0) {
                written.add(operation);
            }
        }
        return written;
    }

    /**
     * The batch is chosen and locked first, SKIP LOCKED: a row the relay is settling right now is left for the next
     * batch. Then it is deleted, its attempts with it (ON DELETE CASCADE).
     */
    @Override
    public int purge(Set<OperationStatus> statuses, Instant before, int limit) {
        List<UUID> batch = operations.getSession().createSelectionQuery(PURGEABLE, UUID.class)
                .setParameterList("statuses", statuses.stream().map(Enum::name).toList())
                .setParameter("before", before)
                .setMaxResults(limit)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, Timeouts.SKIP_LOCKED_MILLI)
                .getResultList();
        return batch.isEmpty() ? 0 : (int) operations.delete("id in :batch", Parameters.with("batch", batch));
    }
}
