-- The relay's claim as one statement (issue 12). Its plan must walk the pending index whatever the statistics say,
-- so the plans that read every pending row (a sort, a bitmap scan, a hash join) and JIT are switched off while it
-- runs (PostgresOperationStore.CLAIM says why). Until now a transaction of three round trips did that: the
-- settings, the claim, the commit. As a function's own settings they hold for the claim alone, and the claim is one
-- statement that commits by itself. PL/pgSQL keeps the statement's plan for the session, as a prepared statement did.
CREATE FUNCTION claim_due_operations(claim_now timestamptz, claim_owner text, claim_lease_until timestamptz,
                                     claim_limit integer)
    RETURNS SETOF operation
    LANGUAGE plpgsql
    SET enable_sort = off
    SET enable_bitmapscan = off
    SET enable_hashjoin = off
    SET jit = off
AS $$
BEGIN
    -- Only the oldest pending operation of a resource is due, and none while a later one of it is in flight (seq is
    -- taken at insert, visibility comes at commit). The first condition is operation_pending's own predicate.
    RETURN QUERY
    WITH due AS (
        SELECT o.id
        FROM operation o
        WHERE o.status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING')
          AND ((o.status IN ('QUEUED', 'RETRYING') AND o.next_attempt_at <= claim_now)
               OR (o.status = 'IN_FLIGHT' AND o.lease_until < claim_now))
          AND NOT EXISTS (
              SELECT 1
              FROM operation p
              WHERE p.resource_key = o.resource_key
                AND p.id <> o.id
                AND p.status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING')
                AND (p.seq < o.seq OR p.status = 'IN_FLIGHT'))
        ORDER BY o.seq
        LIMIT claim_limit
        FOR NO KEY UPDATE OF o SKIP LOCKED
    ), claimed AS (
        UPDATE operation
        SET status = 'IN_FLIGHT', lease_owner = claim_owner, lease_until = claim_lease_until, updated_at = claim_now,
            claims = operation.claims + 1
        FROM due
        WHERE operation.id = due.id
        RETURNING operation.*
    )
    SELECT * FROM claimed ORDER BY claimed.seq;
END
$$;
