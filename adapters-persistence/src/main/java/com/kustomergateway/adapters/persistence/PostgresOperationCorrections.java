package com.kustomergateway.adapters.persistence;

import static com.kustomergateway.adapters.persistence.OutboxRows.setInstant;
import static com.kustomergateway.adapters.persistence.OutboxRows.setInteger;

import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.port.OperationCorrections;
import com.kustomergateway.domain.port.OperationRetention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Operators' writes to the outbox and its purge. A correction is a compare-and-set on the status, so it cannot
 * undo a claim or a delivery that happened after the operator looked; the relay's own writes check their lease.
 */
@ApplicationScoped
@Transactional
public class PostgresOperationCorrections implements OperationCorrections, OperationRetention {

    private static final String REPLACE = """
            UPDATE operation
            SET status = ?, failed_attempts = ?, next_attempt_at = ?,
                last_failure_status = ?, last_failure_code = ?, last_failure_message = ?, updated_at = now()
            WHERE id = ? AND status = ?
            """;

    /** SKIP LOCKED: a row the relay is settling right now is left for the next batch. */
    private static final String PURGE = """
            DELETE FROM operation
            WHERE id IN (SELECT id FROM operation
                         WHERE status = ANY (?) AND accepted_at < ?
                         LIMIT ?
                         FOR UPDATE SKIP LOCKED)
            """;

    private final DataSource dataSource;

    public PostgresOperationCorrections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean replace(Operation next, OperationStatus expected) {
        return !replaceAll(List.of(next), expected).isEmpty();
    }

    @Override
    public List<Operation> replaceAll(List<Operation> next, OperationStatus expected) {
        if (next.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(REPLACE)) {
            for (Operation operation : next) {
                Optional<DeliveryFailure> failure = operation.lastFailure();
                update.setString(1, operation.status().name());
                update.setInt(2, operation.failedAttempts());
                setInstant(update, 3, operation.nextAttemptAt().orElse(null));
                setInteger(update, 4, failure.flatMap(DeliveryFailure::httpStatus).orElse(null));
                update.setString(5, failure.map(DeliveryFailure::code).orElse(null));
                update.setString(6, failure.map(DeliveryFailure::message).orElse(null));
                update.setObject(7, operation.id().value());
                update.setString(8, expected.name());
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            List<Operation> written = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] > 0) {
                    written.add(next.get(i));
                }
            }
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot correct " + next.size() + " operation(s)", e);
        }
    }

    @Override
    public int purge(Set<OperationStatus> statuses, Instant before, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(PURGE)) {
            delete.setArray(1, connection.createArrayOf("text", statuses.stream().map(Enum::name).toArray()));
            setInstant(delete, 2, before);
            delete.setInt(3, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge operations", e);
        }
    }
}
