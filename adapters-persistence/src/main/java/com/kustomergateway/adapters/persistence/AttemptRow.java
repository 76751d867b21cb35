package com.kustomergateway.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code delivery_attempt} (V1). Its id is the database's identity and nothing reads it; an attempt is
 * known by its operation and number.
 */
@Entity
@Table(name = "delivery_attempt")
class AttemptRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;

    @Column(name = "operation_id")
    UUID operationId;

    @Column(name = "attempt_no")
    int attemptNo;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "duration_ms")
    long durationMs;

    @Column(name = "outcome")
    String outcome;

    @Column(name = "http_status")
    Integer httpStatus;

    @Column(name = "error_code")
    String errorCode;

    @Column(name = "error_message")
    String errorMessage;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "remote_ids")
    String remoteIds;

    @Column(name = "not_before")
    Instant notBefore;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "exchanges")
    String exchanges;

    /** V6: the trace the attempt's span belonged to, if it was traced. */
    @Column(name = "trace_id")
    String traceId;
}
