package com.kustomergateway.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
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
}
