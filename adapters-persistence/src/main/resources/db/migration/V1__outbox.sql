-- The outbox: every accepted operation, where its delivery stands, and every attempt made at it.

CREATE TABLE operation (
    id                   uuid        PRIMARY KEY,
    -- Acceptance order: operations on one resource are delivered in this order.
    seq                  bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    kind                 text        NOT NULL,
    resource_key         text        NOT NULL,
    status               text        NOT NULL,
    idempotency_key      text,
    payload              jsonb       NOT NULL,
    accepted_at          timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    failed_attempts      integer     NOT NULL,
    next_attempt_at      timestamptz,
    lease_owner          text,
    lease_until          timestamptz,
    remote_ids           jsonb       NOT NULL,
    last_failure_status  integer,
    last_failure_code    text,
    last_failure_message text,
    CONSTRAINT operation_status_known
        CHECK (status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    -- The claim query finds due work by next_attempt_at, so a pending row without one would never be delivered.
    CONSTRAINT operation_pending_has_next_attempt
        CHECK ((status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING')) = (next_attempt_at IS NOT NULL)),
    CONSTRAINT operation_lease_only_in_flight
        CHECK ((status = 'IN_FLIGHT') = (lease_owner IS NOT NULL AND lease_until IS NOT NULL)),
    CONSTRAINT operation_failure_complete
        CHECK ((last_failure_code IS NULL) = (last_failure_message IS NULL)
            AND (last_failure_status IS NULL OR last_failure_code IS NOT NULL))
);

-- Also the arbiter of INSERT ... ON CONFLICT, which makes concurrent accepts under one key store one row.
CREATE UNIQUE INDEX operation_idempotency_key ON operation (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- The claim query: pending operations in acceptance order (without it, the claim would walk every delivered
-- operation's seq first), waiting ones by due time, leases by expiry, and the head of each resource's queue.
CREATE INDEX operation_pending ON operation (seq) WHERE status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING');
CREATE INDEX operation_due ON operation (next_attempt_at) WHERE status IN ('QUEUED', 'RETRYING');
CREATE INDEX operation_lease ON operation (lease_until) WHERE status = 'IN_FLIGHT';
CREATE INDEX operation_pending_by_resource ON operation (resource_key, seq)
    WHERE status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING');

-- Audit listings: newest first, keyset-paginated on (accepted_at, id), optionally filtered by one column.
CREATE INDEX operation_by_acceptance ON operation (accepted_at DESC, id DESC);
CREATE INDEX operation_by_status ON operation (status, accepted_at DESC, id DESC);
CREATE INDEX operation_by_kind ON operation (kind, accepted_at DESC, id DESC);
CREATE INDEX operation_by_resource ON operation (resource_key, accepted_at DESC, id DESC);

CREATE TABLE delivery_attempt (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation_id  uuid        NOT NULL REFERENCES operation (id) ON DELETE CASCADE,
    attempt_no    integer     NOT NULL,
    started_at    timestamptz NOT NULL,
    duration_ms   bigint      NOT NULL,
    outcome       text        NOT NULL,
    http_status   integer,
    error_code    text,
    error_message text,
    -- What Kustomer created, for DELIVERED.
    remote_ids    jsonb,
    -- RATE_LIMITED: when the rate limit lifts; TRANSIENT: the Retry-After Kustomer gave, if any.
    not_before    timestamptz,
    exchanges     jsonb       NOT NULL,
    CONSTRAINT delivery_attempt_outcome_known
        CHECK (outcome IN ('DELIVERED', 'REJECTED', 'TRANSIENT', 'RATE_LIMITED', 'CREDENTIALS_REJECTED')),
    CONSTRAINT delivery_attempt_shape CHECK (CASE outcome
        WHEN 'DELIVERED' THEN remote_ids IS NOT NULL AND error_code IS NULL
        WHEN 'RATE_LIMITED' THEN error_code IS NOT NULL AND not_before IS NOT NULL
        ELSE error_code IS NOT NULL END),
    CONSTRAINT delivery_attempt_number UNIQUE (operation_id, attempt_no)
);
