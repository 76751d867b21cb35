package com.kustomergateway.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of {@code operation} (V1, V3), as Flyway made it: Hibernate maps it and never changes the schema. The id is
 * the operation's own, given by the application; {@code seq} is the database's, taken at insert. The jsonb columns
 * hold {@link OutboxJson}'s text, which Hibernate passes through as it is.
 */
@Entity
@Table(name = "operation")
class OperationRow {

    @Id
    @Column(name = "id")
    UUID id;

    @Column(name = "seq", insertable = false, updatable = false)
    long seq;

    @Column(name = "kind")
    String kind;

    @Column(name = "resource_key")
    String resourceKey;

    @Column(name = "status")
    String status;

    @Column(name = "idempotency_key")
    String idempotencyKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload")
    String payload;

    @Column(name = "accepted_at")
    Instant acceptedAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    @Column(name = "failed_attempts")
    int failedAttempts;

    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;

    @Column(name = "lease_owner")
    String leaseOwner;

    @Column(name = "lease_until")
    Instant leaseUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "remote_ids")
    String remoteIds;

    @Column(name = "last_failure_status")
    Integer lastFailureStatus;

    @Column(name = "last_failure_code")
    String lastFailureCode;

    @Column(name = "last_failure_message")
    String lastFailureMessage;

    @Column(name = "claims")
    int claims;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "journal")
    String journal;

    /** V6: the W3C trace context the operation was accepted under, if its caller was traced. */
    @Column(name = "trace_parent")
    String traceParent;

    @Column(name = "trace_state")
    String traceState;

    /**
     * The row a JDBC statement returned, as Hibernate would have read it: for the statements this adapter sends on
     * the connection itself (PostgresOperationStore.ACCEPT says why), so that rows become operations in one place.
     */
    static OperationRow read(ResultSet result) throws SQLException {
        OperationRow row = new OperationRow();
        row.id = result.getObject("id", UUID.class);
        row.seq = result.getLong("seq");
        row.kind = result.getString("kind");
        row.resourceKey = result.getString("resource_key");
        row.status = result.getString("status");
        row.idempotencyKey = result.getString("idempotency_key");
        row.payload = result.getString("payload");
        row.acceptedAt = instant(result, "accepted_at");
        row.updatedAt = instant(result, "updated_at");
        row.failedAttempts = result.getInt("failed_attempts");
        row.nextAttemptAt = instant(result, "next_attempt_at");
        row.leaseOwner = result.getString("lease_owner");
        row.leaseUntil = instant(result, "lease_until");
        row.remoteIds = result.getString("remote_ids");
        int lastFailureStatus = result.getInt("last_failure_status");
        row.lastFailureStatus = result.wasNull() ? null : lastFailureStatus;
        row.lastFailureCode = result.getString("last_failure_code");
        row.lastFailureMessage = result.getString("last_failure_message");
        row.claims = result.getInt("claims");
        row.journal = result.getString("journal");
        row.traceParent = result.getString("trace_parent");
        row.traceState = result.getString("trace_state");
        return row;
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
