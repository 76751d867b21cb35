package com.kustomergateway.adapters.persistence;

import static com.kustomergateway.adapters.persistence.OutboxRows.setInstant;
import static com.kustomergateway.adapters.persistence.OutboxRows.setInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.TraceContext;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.OperationStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The outbox over plain JDBC. Each method runs in the caller's transaction when there is one (so an operation is
 * accepted together with whatever the caller writes) and in a short one of its own otherwise. Timestamps keep
 * Postgres's precision, microseconds; durations are kept in milliseconds.
 */
@ApplicationScoped
@Transactional
public class PostgresOperationStore implements OperationStore {

    private static final String INSERT = """
            INSERT INTO operation (id, kind, resource_key, status, idempotency_key, payload, accepted_at, updated_at,
                                   failed_attempts, next_attempt_at, remote_ids, last_failure_status,
                                   last_failure_code, last_failure_message, trace_parent, trace_state)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)
            ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING *
            """;

    private static final String FIND_BY_ID = "SELECT * FROM operation WHERE id = ?";

    private static final String FIND_BY_KEY = "SELECT * FROM operation WHERE idempotency_key = ?";

    /**
     * Only the oldest pending operation of a resource is due, so a resource's operations go out one at a time in
     * acceptance order. An operation is also held back while a later one of its resource is in flight: seq is
     * taken at insert but an operation becomes visible at commit, so a later one may have been claimed before an
     * earlier one's transaction committed. SKIP LOCKED keeps concurrent claimers apart; a row that another
     * claimer changed meanwhile is re-checked by Postgres and dropped, since its lease is no longer expired.
     */
    private static final String CLAIM = """
            WITH due AS (
                SELECT o.id
                FROM operation o
                WHERE ((o.status IN ('QUEUED', 'RETRYING') AND o.next_attempt_at <= ?)
                       OR (o.status = 'IN_FLIGHT' AND o.lease_until < ?))
                  AND NOT EXISTS (
                      SELECT 1
                      FROM operation p
                      WHERE p.resource_key = o.resource_key
                        AND p.id <> o.id
                        AND p.status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING')
                        AND (p.seq < o.seq OR p.status = 'IN_FLIGHT'))
                ORDER BY o.seq
                LIMIT ?
                FOR UPDATE OF o SKIP LOCKED
            ), claimed AS (
                UPDATE operation
                SET status = 'IN_FLIGHT', lease_owner = ?, lease_until = ?, updated_at = ?, claims = claims + 1
                FROM due
                WHERE operation.id = due.id
                RETURNING operation.*
            )
            SELECT * FROM claimed ORDER BY seq
            """;

    private static final String SETTLE = """
            UPDATE operation
            SET status = ?, failed_attempts = ?, next_attempt_at = ?, remote_ids = CAST(? AS jsonb),
                last_failure_status = ?, last_failure_code = ?, last_failure_message = ?,
                lease_owner = NULL, lease_until = NULL, updated_at = ?, journal = '{}'::jsonb
            WHERE id = ? AND status = 'IN_FLIGHT' AND lease_owner = ?
            """;

    private static final String RENEW_LEASES = """
            UPDATE operation SET lease_until = ?
            WHERE lease_owner = ? AND status = 'IN_FLIGHT' AND id = ANY (?)
            """;

    /** An expired lease is claimable by anyone; the owner stays recorded for the audit until the next claim. */
    private static final String RELEASE_LEASES = """
            UPDATE operation SET lease_until = ?
            WHERE lease_owner = ? AND status = 'IN_FLIGHT' AND id = ANY (?)
            """;

    private static final String READ_JOURNAL = "SELECT journal ->> ? FROM operation WHERE id = ?";

    private static final String WRITE_JOURNAL = """
            UPDATE operation SET journal = journal || jsonb_build_object(CAST(? AS text), CAST(? AS text))
            WHERE id = ? AND status = 'IN_FLIGHT' AND lease_owner = ?
            """;

    /** The settling UPDATE holds the operation's row lock, so no other attempt can take the same number. */
    private static final String INSERT_ATTEMPT = """
            INSERT INTO delivery_attempt (operation_id, attempt_no, started_at, duration_ms, outcome, http_status,
                                          error_code, error_message, remote_ids, not_before, exchanges, trace_id)
            SELECT ?, COALESCE(MAX(attempt_no), 0) + 1, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?
            FROM delivery_attempt
            WHERE operation_id = ?
            """;

    private static final String ATTEMPTS = """
            SELECT * FROM delivery_attempt WHERE operation_id = ? ORDER BY attempt_no
            """;

    private final DataSource dataSource;
    private final OutboxJson json;
    private final OutboxRows mapping;

    public PostgresOperationStore(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.json = new OutboxJson(mapper);
        this.mapping = new OutboxRows(json);
    }

    @Override
    public Operation acceptOnce(Operation operation) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            Optional<DeliveryFailure> failure = operation.lastFailure();
            insert.setObject(1, operation.id().value());
            insert.setString(2, operation.change().kind().name());
            insert.setString(3, operation.change().resource().toString());
            insert.setString(4, operation.status().name());
            insert.setString(5, operation.idempotencyKey().map(IdempotencyKey::value).orElse(null));
            insert.setString(6, json.change(operation.change()));
            setInstant(insert, 7, operation.acceptedAt());
            setInstant(insert, 8, operation.acceptedAt());
            insert.setInt(9, operation.failedAttempts());
            setInstant(insert, 10, operation.nextAttemptAt().orElse(null));
            insert.setString(11, json.ids(operation.remoteIds()));
            setInteger(insert, 12, failure.flatMap(DeliveryFailure::httpStatus).orElse(null));
            insert.setString(13, failure.map(DeliveryFailure::code).orElse(null));
            insert.setString(14, failure.map(DeliveryFailure::message).orElse(null));
            insert.setString(15, operation.traceContext().map(TraceContext::traceparent).orElse(null));
            insert.setString(16, operation.traceContext().flatMap(TraceContext::tracestate).orElse(null));
            List<Operation> inserted = operations(insert);
            if (!inserted.isEmpty()) {
                return inserted.get(0);
            }
            // The conflict waited for the other insert to commit, so this statement's fresh snapshot sees its row.
            try (PreparedStatement select = connection.prepareStatement(FIND_BY_KEY)) {
                select.setString(1, operation.idempotencyKey().orElseThrow().value());
                return operations(select).get(0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot accept operation " + operation.id(), e);
        }
    }

    @Override
    public Optional<Operation> find(OperationId id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND_BY_ID)) {
            select.setObject(1, id.value());
            return operations(select).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read operation " + id, e);
        }
    }

    @Override
    public List<Operation> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            setInstant(claim, 1, now);
            setInstant(claim, 2, now);
            claim.setInt(3, limit);
            claim.setString(4, owner);
            setInstant(claim, 5, leaseUntil);
            setInstant(claim, 6, now);
            return operations(claim);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim due operations for " + owner, e);
        }
    }

    @Override
    public boolean settle(Operation next, DeliveryAttempt attempt, String owner) {
        Optional<DeliveryFailure> failure = next.lastFailure();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(SETTLE)) {
            update.setString(1, next.status().name());
            update.setInt(2, next.failedAttempts());
            setInstant(update, 3, next.nextAttemptAt().orElse(null));
            update.setString(4, json.ids(next.remoteIds()));
            setInteger(update, 5, failure.flatMap(DeliveryFailure::httpStatus).orElse(null));
            update.setString(6, failure.map(DeliveryFailure::code).orElse(null));
            update.setString(7, failure.map(DeliveryFailure::message).orElse(null));
            setInstant(update, 8, attempt.startedAt().plus(attempt.duration()));
            update.setObject(9, next.id().value());
            update.setString(10, owner);
            if (update.executeUpdate() == 0) {
                return false;
            }
            insertAttempt(connection, next.id(), attempt);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot settle operation " + next.id(), e);
        }
    }

    @Override
    public int renewLeases(String owner, List<OperationId> ids, Instant leaseUntil) {
        return updateLeases(RENEW_LEASES, owner, ids, leaseUntil);
    }

    @Override
    public int releaseLeases(String owner, List<OperationId> ids, Instant now) {
        return updateLeases(RELEASE_LEASES, owner, ids, now.minusMillis(1));
    }

    private int updateLeases(String sql, String owner, List<OperationId> ids, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            setInstant(update, 1, leaseUntil);
            update.setString(2, owner);
            update.setArray(3, connection.createArrayOf("uuid", ids.stream().map(OperationId::value).toArray()));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the leases of " + owner, e);
        }
    }

    /**
     * Each read and write is its own statement, committed at once: the journal must hold what was done in Kustomer
     * even if this process dies a moment later.
     */
    @Override
    public DeliveryJournal journal(OperationId id, String owner) {
        return new DeliveryJournal() {
            @Override
            public Optional<String> read(String entry) {
                try (Connection connection = dataSource.getConnection();
                        PreparedStatement select = connection.prepareStatement(READ_JOURNAL)) {
                    select.setString(1, entry);
                    select.setObject(2, id.value());
                    try (ResultSet rows = select.executeQuery()) {
                        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read the journal of operation " + id, e);
                }
            }

            @Override
            public void write(String entry, String value) {
                try (Connection connection = dataSource.getConnection();
                        PreparedStatement update = connection.prepareStatement(WRITE_JOURNAL)) {
                    update.setString(1, entry);
                    update.setString(2, value);
                    update.setObject(3, id.value());
                    update.setString(4, owner);
                    if (update.executeUpdate() == 0) {
                        throw new IllegalStateException("operation " + id + " is no longer leased by " + owner);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write the journal of operation " + id, e);
                }
            }
        };
    }

    @Override
    public List<DeliveryAttempt> attempts(OperationId id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(ATTEMPTS)) {
            select.setObject(1, id.value());
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(mapping.attempt(id, rows));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the attempts at operation " + id, e);
        }
    }

    private void insertAttempt(Connection connection, OperationId id, DeliveryAttempt attempt) throws SQLException {
        DeliveryOutcome outcome = attempt.outcome();
        Optional<DeliveryFailure> failure = outcome.failureIfAny();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTEMPT)) {
            insert.setObject(1, id.value());
            setInstant(insert, 2, attempt.startedAt());
            insert.setLong(3, attempt.duration().toMillis());
            insert.setString(4, outcomeName(outcome));
            setInteger(insert, 5, failure.flatMap(DeliveryFailure::httpStatus).orElse(null));
            insert.setString(6, failure.map(DeliveryFailure::code).orElse(null));
            insert.setString(7, failure.map(DeliveryFailure::message).orElse(null));
            insert.setString(8, outcome instanceof DeliveryOutcome.Delivered delivered
                    ? json.ids(delivered.remoteIds()) : null);
            setInstant(insert, 9, notBefore(outcome).orElse(null));
            insert.setString(10, json.exchanges(attempt.exchanges()));
            insert.setString(11, attempt.traceId().orElse(null));
            insert.setObject(12, id.value());
            insert.executeUpdate();
        }
    }

    private static String outcomeName(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered) {
            return "DELIVERED";
        }
        if (outcome instanceof DeliveryOutcome.Rejected) {
            return "REJECTED";
        }
        if (outcome instanceof DeliveryOutcome.Transient) {
            return "TRANSIENT";
        }
        if (outcome instanceof DeliveryOutcome.RateLimited) {
            return "RATE_LIMITED";
        }
        return "CREDENTIALS_REJECTED";
    }

    private static Optional<Instant> notBefore(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Transient failed) {
            return failed.notBefore();
        }
        if (outcome instanceof DeliveryOutcome.RateLimited limited) {
            return Optional.of(limited.until());
        }
        return Optional.empty();
    }

    private List<Operation> operations(PreparedStatement statement) throws SQLException {
        List<Operation> operations = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                operations.add(mapping.operation(rows));
            }
        }
        return operations;
    }
}
