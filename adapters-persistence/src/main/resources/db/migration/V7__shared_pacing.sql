-- What every gateway instance on this database shares toward Kustomer (issue 13): one row for the org's request
-- schedule and the pauses, updated with single atomic statements; the creations each customer received lately;
-- the instances delivering. The schedule's times are the database's clock, so instances' clocks need not agree.
--
-- kustomer_pacing and relay_instance are UNLOGGED: every request to Kustomer updates the schedule's row, and an
-- unlogged write commits without waiting for the WAL to reach the disk. What they hold is momentary (the next
-- slot, a pause until a time, heartbeats): if PostgreSQL crashes or fails over they come back empty, the gateway
-- puts the row back, and the worst is one request too early or a pause learned again from Kustomer.
CREATE UNLOGGED TABLE kustomer_pacing (
    id                        smallint PRIMARY KEY CHECK (id = 1),
    -- The schedule: no request before next_request_at (a virtual scheduling time, GCRA without burst).
    last_request_at           timestamptz NOT NULL DEFAULT 'epoch',
    next_request_at           timestamptz NOT NULL DEFAULT 'epoch',
    -- What Kustomer's x-ratelimit-remaining asked for: no two requests closer than this until spread_until.
    spread_spacing_ms         double precision NOT NULL DEFAULT 0,
    spread_until              timestamptz NOT NULL DEFAULT 'epoch',
    kustomer_remaining        integer,
    kustomer_reset            timestamptz,
    -- For deliveryStatus: requests taken in the current fixed window.
    window_started_at         timestamptz NOT NULL DEFAULT 'epoch',
    window_spent              integer NOT NULL DEFAULT 0,
    -- Kustomer's rate limit: every instance waits until rate_paused_until.
    rate_paused_until         timestamptz NOT NULL DEFAULT 'epoch',
    rate_pause_reason         text,
    rate_paused_by            text,
    -- A refused key: every instance waits; at credentials_recheck_at one instance probes (credentials_probed_by).
    credentials_problem       text,
    credentials_seen_by       text,
    credentials_recheck_at    timestamptz,
    credentials_probed_by     text
);
INSERT INTO kustomer_pacing (id) VALUES (1);

-- One row per reservation (an operation's creations for one customer or conversation), forgotten once out of the
-- window.
CREATE TABLE creation_window (
    reservation   text        NOT NULL,
    resource_key  text        NOT NULL,
    created_at    timestamptz NOT NULL,
    creations     integer     NOT NULL CHECK (creations > 0)
);
CREATE INDEX creation_window_by_key ON creation_window (resource_key, created_at);
CREATE INDEX creation_window_by_reservation ON creation_window (reservation);

-- Instances delivering, with their heartbeat; a stopped instance removes its row, a dead one goes stale.
CREATE UNLOGGED TABLE relay_instance (
    id            text PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    heartbeat_at  timestamptz NOT NULL
);
