package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.TraceContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Rows of the outbox's tables as domain objects, and instants as Postgres parameters: one mapping for the store
 * that delivers operations and the history that shows them.
 */
final class OutboxRows {

    private final OutboxJson json;

    OutboxRows(OutboxJson json) {
        this.json = json;
    }

    DeliveryAttempt attempt(OperationId id, ResultSet row) throws SQLException {
        return new DeliveryAttempt(id, instant(row, "started_at"), Duration.ofMillis(row.getLong("duration_ms")),
                outcome(row), json.toExchanges(row.getString("exchanges")), Optional.ofNullable(row.getString("trace_id")));
    }

    private DeliveryOutcome outcome(ResultSet row) throws SQLException {
        String outcome = row.getString("outcome");
        if (outcome.equals("DELIVERED")) {
            return new DeliveryOutcome.Delivered(json.toIds(row.getString("remote_ids")));
        }
        DeliveryFailure failure = new DeliveryFailure(Optional.ofNullable(integer(row, "http_status")),
                row.getString("error_code"), row.getString("error_message"));
        return switch (outcome) {
            case "REJECTED" -> new DeliveryOutcome.Rejected(failure);
            case "TRANSIENT" -> new DeliveryOutcome.Transient(failure, Optional.ofNullable(instant(row, "not_before")));
            case "RATE_LIMITED" -> new DeliveryOutcome.RateLimited(failure, instant(row, "not_before"));
            case "CREDENTIALS_REJECTED" -> new DeliveryOutcome.CredentialsRejected(failure);
            default -> throw new IllegalStateException("unknown delivery outcome " + outcome);
        };
    }

    Operation operation(ResultSet row) throws SQLException {
        String failureCode = row.getString("last_failure_code");
        Optional<DeliveryFailure> failure = failureCode == null ? Optional.empty()
                : Optional.of(new DeliveryFailure(Optional.ofNullable(integer(row, "last_failure_status")),
                        failureCode, row.getString("last_failure_message")));
        return new Operation(new OperationId(row.getObject("id", UUID.class)),
                json.toChange(row.getString("payload")),
                OperationStatus.valueOf(row.getString("status")),
                Optional.ofNullable(row.getString("idempotency_key")).map(IdempotencyKey::new),
                instant(row, "accepted_at"),
                row.getInt("failed_attempts"),
                Optional.ofNullable(instant(row, "next_attempt_at")),
                json.toIds(row.getString("remote_ids")),
                failure,
                row.getInt("claims"),
                traceContext(row.getString("trace_parent"), row.getString("trace_state")));
    }

    private static Optional<TraceContext> traceContext(String parent, String state) {
        return Optional.ofNullable(parent).map(p -> new TraceContext(p, Optional.ofNullable(state)));
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
