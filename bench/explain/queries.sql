-- The audit queries exactly as the gateway sends them (PostgresOperationHistory, PostgresOperationCorrections),
-- with psql variables for the values. :'t_mid', :'id_mid' are an acceptance time in the middle of the data (a deep page).
\set ECHO queries
\pset pager off

-- operations(first: 20): newest first, no filter, first page (21 rows: one more says whether there is a next page)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE ORDER BY accepted_at DESC, id DESC LIMIT 21;

-- operations(first: 20, after: <cursor>): a deep page, half-way down a million operations
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE AND (accepted_at, id) < (:'t_mid', :'id_mid')
    ORDER BY accepted_at DESC, id DESC LIMIT 21;

-- filter { status: FAILED }, deep page
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE AND status = 'FAILED'
    AND (accepted_at, id) < (:'t_mid', :'id_mid') ORDER BY accepted_at DESC, id DESC LIMIT 21;

-- filter { kind: UPDATE_CUSTOMER_DATA }
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE AND kind = 'UPDATE_CUSTOMER_DATA'
    ORDER BY accepted_at DESC, id DESC LIMIT 21;

-- filter { resource: "customer:cust_4242" }: "what did we send Kustomer about this customer?"
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE AND resource_key = 'customer:cust_4242'
    ORDER BY accepted_at DESC, id DESC LIMIT 21;

-- filter { acceptedFrom, acceptedBefore }: one day, a month ago
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE
    AND accepted_at >= now() - interval '31 days' AND accepted_at < now() - interval '30 days'
    ORDER BY accepted_at DESC, id DESC LIMIT 21;

-- filter { kind: ADD_NOTE, status: CANCELLED, acceptedFrom, acceptedBefore }: several filters at once
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE AND kind = 'ADD_NOTE' AND status = 'CANCELLED'
    AND accepted_at >= now() - interval '60 days' AND accepted_at < now() - interval '30 days'
    ORDER BY accepted_at DESC, id DESC LIMIT 21;

-- attempts of a page of 20 operations (one query for the page; :'page_ids' is a deep page's ids)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM delivery_attempt WHERE operation_id = ANY (:'page_ids'::uuid[])
    ORDER BY operation_id, attempt_no;

-- deliveryStatus: counts per status, each capped at 10,000 (10,001 rows read at most per status)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT s.status,
       (SELECT count(*) FROM (SELECT 1 FROM operation o WHERE o.status = s.status LIMIT 10001) capped) AS n
FROM unnest(CAST('{QUEUED,IN_FLIGHT,RETRYING,DELIVERED,FAILED,CANCELLED}' AS text[])) AS s(status);

-- deliveryStatus and the gauge: the oldest operation still owed to Kustomer
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT accepted_at FROM operation
    WHERE status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING') ORDER BY seq LIMIT 1;

-- the backlog gauge (5,000 pending of 1,000,000)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM operation WHERE status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING');

-- replayFailedOperations: a batch of 200 failed operations of a resource type's filter
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM operation WHERE TRUE AND kind = 'CREATE_KLASS' AND status = 'FAILED'
    ORDER BY accepted_at DESC, id DESC LIMIT 200;

-- retention: one batch of 500 delivered or cancelled operations older than 30 days (rolled back)
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) DELETE FROM operation
WHERE id IN (SELECT id FROM operation
             WHERE status = ANY ('{DELIVERED,CANCELLED}') AND accepted_at < now() - interval '30 days'
             LIMIT 500
             FOR UPDATE SKIP LOCKED);
ROLLBACK;

-- operationCount (the console's replay confirmation): failed operations of a resource type, capped at 10,000
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM (SELECT 1 FROM operation WHERE TRUE AND kind = 'CREATE_KLASS'
    AND status = 'FAILED' LIMIT 10001) capped;

-- operationCount with no filter: stops at 10,001 rows
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM (SELECT 1 FROM operation WHERE TRUE LIMIT 10001) capped;

-- deliveryActivity: the last hour per minute (about 460 operations accepted and settled in it here)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT minute, sum(accepted) AS accepted, sum(delivered) AS delivered, sum(failed) AS failed
FROM (SELECT CAST(floor(extract(epoch FROM accepted_at) / 60) AS bigint) AS minute,
             count(*) AS accepted, 0 AS delivered, 0 AS failed
      FROM operation WHERE accepted_at >= date_trunc('minute', now()) - interval '59 minutes'
                       AND accepted_at < date_trunc('minute', now()) + interval '1 minute'
      GROUP BY 1
      UNION ALL
      SELECT CAST(floor(extract(epoch FROM updated_at) / 60) AS bigint), 0,
             count(*) FILTER (WHERE status = 'DELIVERED'), count(*) FILTER (WHERE status = 'FAILED')
      FROM operation WHERE status IN ('DELIVERED', 'FAILED')
                       AND updated_at >= date_trunc('minute', now()) - interval '59 minutes'
                       AND updated_at < date_trunc('minute', now()) + interval '1 minute'
      GROUP BY 1) per_series
GROUP BY minute ORDER BY minute;
